"""Compares the extension with `sla batch` on random tickets: 12,000 under the built-in policy
(over 10,000 of them with a deadline) and 5,000 under a policy of two versions in two zones.
Each ticket's deadline and status through SQL must be what batch says, and a ticket batch
refuses must raise the same message in SQL."""
import csv
import datetime
import io
import json
import os
import random
import re
import sqlite3

import sqltest

args = sqltest.options()
t = sqltest.Tally()
NOW = "2026-11-25T12:00:00-05:00"
EPOCH = datetime.datetime(1970, 1, 1)
OFFSETS = ["Z", "z", "+00:00", "-05:00", "-0500", "-05", "+01:00", "+05:30", "-03:30", "+14:00"]
BAD_TIMES = ["", " 2026-11-25", "2026-02-30", "2026-11-25 24:00", "2026-11-25T16:30:60",
             "tomorrow", "11/25/2026", "2026-11-25T16:30+24:00", "@", "@1e9", "1899-12-31",
             "10000-01-01", "2026-13-01", "2026-11-25 16:30 EST"]


def wall(seconds):
    return EPOCH + datetime.timedelta(seconds=seconds)


def time_text(rng, unix):
    """Returns (CSV text, SQL value) for a time near `unix`, in one of the forms of SPEC 4."""
    try:
        return any_form(rng, unix)
    except OverflowError:  # past what Python's datetime holds
        return f"@{unix}", unix


def any_form(rng, unix):
    form = rng.random()
    if form < 0.15:
        return f"@{unix}", unix  # SQL gets the integer itself
    if form < 0.2:
        return f"@{unix}.{rng.randint(0, 999)}", None
    if form < 0.45:
        offset = rng.choice(OFFSETS)
        sign = -1 if offset.startswith("-") else 1
        digits = offset.lstrip("+-").replace(":", "")
        shift = 0 if offset in ("Z", "z") else sign * (int(digits[:2]) * 3600 +
                                                       int(digits[2:4] or 0) * 60)
        local = wall(unix + shift)
        sep = rng.choice(["T", " ", "t"])
        seconds = rng.choice([":%S", "", ":%S.123"])
        return local.strftime(f"%Y-%m-%d{sep}%H:%M{seconds}") + offset, None
    if form < 0.97:  # a wall time in the policy zone, perhaps one the clocks skip
        local = wall(unix - 5 * 3600)
        return local.strftime(rng.choice(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"])), None
    return rng.choice(BAD_TIMES), None


def instant(rng):
    r = rng.random()
    if r < 0.9:
        return rng.randint(1_700_000_000, 1_850_000_000)  # 2023 to 2028
    if r < 0.95:
        return rng.randint(-2_208_988_800 + 86400, -600_000_000)  # 1900 to 1950
    return rng.randint(253_370_000_000, 253_402_300_799)  # 9998 and 9999


def word(rng, words):
    """Returns one of the (good, bad) words: a bad one, one time in 25."""
    good, bad = words
    return rng.choice(bad if rng.random() < 0.04 else good)


def tickets(rng, n, priorities, tiers):
    """Returns n tickets as (CSV row, SQL row) pairs."""
    rows = []
    for _ in range(n):
        submitted = instant(rng)
        s_text, s_value = time_text(rng, submitted)
        priority = word(rng, priorities)
        tier = word(rng, tiers)
        r_text, r_value = "", None
        if rng.random() < 0.5:
            responded = submitted + rng.randint(-3600 if rng.random() < 0.05 else 0, 10 * 86400)
            r_text, r_value = time_text(rng, responded)
        sql_priority = int(priority) if priority.isdigit() and rng.random() < 0.5 else priority
        rows.append(([s_text, priority, tier, r_text],
                     [s_value if s_value is not None else s_text, sql_priority, tier,
                      r_value if r_value is not None else r_text]))
    return rows


def compare(name, rows, policy_files, judged_at_least):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["submitted", "priority", "tier", "responded"])
    for csv_row, _ in rows:
        writer.writerow(csv_row)
    options = [o for p in policy_files for o in ("--policy", p)]
    status, out, err = sqltest.sla(args.sla, "batch", "-", "--now", NOW, "-o", "jsonl", *options,
                                   stdin=text.getvalue())
    t.check(status in (0, 1, 2, 3), f"{name}: sla batch ran ({status}: {err[:300]})")
    batch = [json.loads(line) for line in out.splitlines()]
    if not t.equal(len(batch), len(rows), f"{name}: one batch row per ticket"):
        return
    db = sqltest.connect(args.extension)
    if policy_files:
        db.execute(f"SELECT sla_policy({', '.join('?' for _ in policy_files)})", policy_files)
    db.execute("CREATE TABLE tickets(line INTEGER, submitted, priority, tier, responded)")
    db.executemany("INSERT INTO tickets VALUES (?, ?, ?, ?, ?)",
                   [(i + 2, *sql_row) for i, (_, sql_row) in enumerate(rows)])
    good = [b["line"] for b in batch if b["error"] is None]
    t.check(judged_at_least <= len(good) < len(rows),
            f"{name}: {len(good)} judged, at least {judged_at_least}, and some refused")
    # Every good row in one statement, as a query over a table of tickets runs.
    answers = dict((line, (deadline, status)) for line, deadline, status in db.execute(
        "SELECT line, sla_deadline(submitted, priority, tier), sla_status(submitted, priority, "
        f"tier, responded, ?) FROM tickets WHERE line IN ({','.join(map(str, good))})", (NOW,)))
    mismatches = 0
    for b in batch:
        line = b["line"]
        if b["error"] is None:
            ok = answers.get(line) == (b["deadline"], b["status"])
            mismatches += not ok
            t.check(ok, f"{name} line {line}: SQL {answers.get(line)}, batch "
                        f"{(b['deadline'], b['status'])}, ticket {rows[line - 2][0]}")
            continue
        # A refused ticket: the same message, raised by the statement.
        column, message = re.match(r"line \d+, column \d+ \((\w+)\): (.*)", b["error"]).groups()
        for function, call in (
                ("sla_status", "sla_status(submitted, priority, tier, responded, ?)"),
                ("sla_deadline", "sla_deadline(submitted, priority, tier)")):
            values = (NOW, line) if function == "sla_status" else (line,)
            try:
                got = db.execute(f"SELECT {call} FROM tickets WHERE line = ?", values).fetchone()[0]
            except sqlite3.OperationalError as e:
                got = str(e)
            want = "sla: error: " + message
            if function == "sla_deadline" and column == "responded":
                # sla_deadline reads no response: a deadline, or none after 9999.
                ok = isinstance(got, str) and (not got.startswith("sla: error:") or
                                               got.startswith("sla: error: no deadline"))
            else:
                ok = got == want
            mismatches += not ok
            t.check(ok, f"{name} line {line} {function}: SQL {got!r}, batch {want!r}")
    db.close()
    print(f"{name}: {len(rows)} tickets, {len(good)} judged, {len(rows) - len(good)} refused, "
          f"{mismatches} mismatches")


rng = random.Random(20261125)
compare("built-in policy",
        tickets(rng, 12000, (["P1", "P2", "P3", "P4", "p2", "1", "4", "urgent", "High", "normal",
                              "LOW", "P1 (Urgent)", ""], ["P5", "0", "critical", " P1"]),
                (["standard", "premium", "Premium", ""], ["gold", "premium "])), [], 10000)
policies = sqltest.policy_directory()
compare("two versions",
        tickets(rng, 5000, (["outage", "critical", "1", "normal", "2", ""], ["P1", "3"]),
                (["enterprise", ""], ["standard"])),
        [os.path.join(policies.name, "berlin.toml"), os.path.join(policies.name, "tokyo.toml")],
        4000)
t.finish()
