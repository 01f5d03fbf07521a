"""Tests the extension in the real sqlite3 shell: `.load` by the default entry point, tickets
imported from CSV, errors on standard error, policies, and loading twice."""
import os
import shutil
import tempfile

import sqltest

args = sqltest.options()
t = sqltest.Tally()
work = tempfile.mkdtemp(prefix="sla-shell-")
policies = sqltest.policy_directory()
extension = os.path.splitext(os.path.abspath(args.extension))[0]  # .load adds ".so" itself
load = f".load {extension}"

with open(os.path.join(work, "tickets.csv"), "w", encoding="utf-8") as f:
    f.write("id,submitted,priority,tier,responded\n"
            "T-1,2026-11-25 16:30,P1,premium,\n"
            "T-2,2026-11-24 10:00,P2,standard,\n"
            "T-3,2026-11-20 11:15,P3,standard,2026-11-23 10:00\n"
            "T-4,2026-11-23 09:00,P4,premium,2026-11-25 17:00\n"
            "T-5,2026-11-23 09:00,,,\n")
db = os.path.join(work, "tickets.db")


def run(*arguments, stdin=None):
    return sqltest.shell(args.sqlite3, *arguments, stdin=stdin, cwd=work)


status, out, err = run(db, ".import --csv tickets.csv tickets")
t.equal((status, err), (0, ""), "import the tickets")

# The form SPEC section 10 gives: the database, then -cmd '.load PATH'.
status, out, err = run(db, "-cmd", load, "SELECT id, sla_deadline(submitted, priority, tier), "
                       "sla_status(submitted, priority, tier, responded, '2026-11-25 16:30') "
                       "FROM tickets ORDER BY id")
t.equal((status, err), (0, ""), "query the imported tickets")
t.equal(out.splitlines(), ["T-1|2026-11-27T09:30:00-05:00|on_track",
                           "T-2|2026-11-25T10:00:00-05:00|breached",
                           "T-3|2026-11-24T11:15:00-05:00|met",
                           "T-4|2026-11-24T18:00:00-05:00|missed",
                           "T-5|2026-11-24T18:00:00-05:00|breached"],
        "every status; empty cells are the defaults and no response")

status, out, err = run(db, "-cmd", f"{load} sqlite3_sla_init",
                       "SELECT count(*) FROM tickets WHERE sla_status(submitted, priority, tier, "
                       "responded, unixepoch('2026-11-25 21:30')) IN ('breached', 'missed')")
t.equal((status, out, err), (0, "3\n", ""), "the entry point named, and now from unixepoch()")

# Batch says the same of the same file.
code, batch_out, _ = sqltest.sla(args.sla, "batch", "--now", "2026-11-25 16:30", "--format",
                                 "{id}|{deadline}|{status}", os.path.join(work, "tickets.csv"))
status, out, err = run(db, "-cmd", load, "SELECT id, sla_deadline(submitted, priority, tier), "
                       "sla_status(submitted, priority, tier, responded, '2026-11-25 16:30') "
                       "FROM tickets ORDER BY id")
t.equal(out, batch_out, "the same rows as sla batch")

# An error stops the statement, on standard error, with the CLI's message.
status, out, err = run("-bail", ":memory:", "-cmd", load,
                       "SELECT sla_deadline('2026-11-25 16:30', 'P9')")
_, _, cli_err = sqltest.sla(args.sla, "-s", "2026-11-25 16:30", "-p", "P9")
t.equal(status, 1, "an error exits 1")
t.check(cli_err.strip() in err, f"the CLI's message {cli_err.strip()!r} in {err!r}")
t.equal(out, "", "no output for the failed statement")

# Loading twice on one connection starts afresh, and frees nothing still in use.
status, out, err = run(":memory:", "-cmd", load, "-cmd", load,
                       "SELECT sla_deadline(1795642200, 1, 'premium'), "
                       "count(*) FROM sla_holidays('2026-01-01', '2026-12-31')")
t.equal((status, out, err), (0, "2026-11-27T09:30:00-05:00|11\n", ""), "loaded twice")

# A policy for the connection, named relative to the shell's directory.
shutil.copy(os.path.join(policies.name, "berlin.toml"), work)
shutil.copy(os.path.join(policies.name, "company-holidays.txt"), work)
script = f"""{load}
SELECT sla_policy('berlin.toml');
SELECT sla_deadline('2026-11-27 22:30', 'critical');
SELECT date, name, closed FROM sla_holidays('2026-12-01', '2026-12-31');
"""
status, out, err = run(":memory:", stdin=script)
t.equal((status, err), (0, ""), "a policy loaded in a script")
t.equal(out.splitlines(), ["Berlin office", "2026-11-28T02:30:00+01:00",
                           "2026-12-24|Christmas Eve afternoon|13:00-24:00"],
        "its name, a deadline on its 24x7 clock, its part-day closure")

status, out, err = run(":memory:", "-cmd", load, "SELECT sla_policy('missing.toml')")
t.check(status == 1 and "sla: error: cannot read policy file \"missing.toml\"" in err,
        f"a missing policy file: {status} {err!r}")

# A wrong number of arguments is SQLite's own error.
for call in ("sla_deadline()", "sla_status(1, 2, 3, 4)", "sla_elapsed(1)", "sla_add(1, 2, 3)",
             "sla_status(1, 2, 3, 4, 5, 6, 7)"):
    status, out, err = run(":memory:", "-cmd", load, f"SELECT {call}")
    t.check(status == 1 and "wrong number of arguments" in err, f"{call}: {status} {err!r}")

shutil.rmtree(work)
t.finish()
