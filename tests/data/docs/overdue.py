# Prints the tickets of tickets.db that are overdue at the time given (default: now).
import sqlite3
import sys
import time

now = sys.argv[1] if len(sys.argv) > 1 else int(time.time())
db = sqlite3.connect("tickets.db")
db.enable_load_extension(True)
db.load_extension("/usr/lib/sla/libsla")
query = """SELECT id, sla_deadline(submitted, priority, tier) FROM tickets
           WHERE sla_status(submitted, priority, tier, responded, ?) IN ('breached', 'missed')"""
for ticket, deadline in db.execute(query, (now,)):
    print(ticket, "was due", deadline)
