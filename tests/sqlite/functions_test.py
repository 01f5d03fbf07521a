"""Tests every function of the SQLite extension through Python's sqlite3 module: results,
NULLs, errors carrying the CLI's message, a policy per connection, and threads."""
import json
import os
import random
import sqlite3
import threading

import sqltest

args = sqltest.options()
t = sqltest.Tally()
db = sqltest.connect(args.extension)
policies = sqltest.policy_directory()
berlin = os.path.join(policies.name, "berlin.toml")
tokyo = os.path.join(policies.name, "tokyo.toml")


def q(sql, *values, on=db):
    return sqltest.one(on, sql, *values)


def cli_deadline(*options):
    status, out, err = sqltest.sla(args.sla, *options, "--format", "{deadline}")
    return out.strip() if status == 0 else err.strip()


def cli_error(*options):
    """Returns the CLI's error line without its "sla: error: " (the SQL error keeps it)."""
    status, _, err = sqltest.sla(args.sla, *options)
    t.equal(status, 2, f"sla {' '.join(options)} fails")
    return err.strip()


# --- sla_deadline -------------------------------------------------------------------------------
# The examples of SPEC section 2.
t.equal(q("SELECT sla_deadline('2026-11-25 16:30', 'P1', 'premium')"), "2026-11-27T09:30:00-05:00",
        "P1 premium over Thanksgiving")
t.equal(q("SELECT sla_deadline('2026-11-23 10:00', 'P3', 'standard')"),
        "2026-11-25T10:00:00-05:00", "P3 standard, two days")
t.equal(q("SELECT sla_deadline('2026-11-28 12:00', 'P1', 'standard')"),
        "2026-11-30T18:00:00-05:00", "a Saturday ticket ends at closing time")
t.equal(q("SELECT sla_deadline('2026-11-25 16:30')"), q("SELECT sla_deadline(?, 'P3', 'standard')",
                                                       "2026-11-25 16:30"),
        "the default priority and tier are P3 and standard")
for priority, tier in ((None, None), ("", ""), (None, "standard"), ("normal", None), (3, "")):
    t.equal(q("SELECT sla_deadline('2026-11-25 16:30', ?, ?)", priority, tier),
            "2026-11-30T16:30:00-05:00", f"priority {priority!r} and tier {tier!r} are defaults")
for spelling in ("P1", "p1", 1, "1", "urgent", "Urgent", "P1 (Urgent)"):
    t.equal(q("SELECT sla_deadline('2026-11-25 16:30', ?, 'premium')", spelling),
            "2026-11-27T09:30:00-05:00", f"priority {spelling!r}")
t.equal(q("SELECT sla_deadline(1795642200, 'P1', 'premium')"), "2026-11-27T09:30:00-05:00",
        "an integer is Unix seconds")
t.equal(q("SELECT sla_deadline('@1795642200', 'P1', 'premium')"), "2026-11-27T09:30:00-05:00",
        "text @seconds")
t.equal(q("SELECT sla_deadline('2026-11-25T21:30:00Z', 1, 'premium')"),
        "2026-11-27T09:30:00-05:00", "an offset")
t.equal(q("SELECT sla_deadline(NULL)"), None, "NULL submitted gives NULL")
t.equal(q("SELECT sla_deadline(NULL, 'P9', 'gold')"), None, "NULL submitted gives NULL, unread")
random.seed(11)
for _ in range(20):
    when = f"{random.randint(1990, 2040)}-{random.randint(1, 12):02}-{random.randint(1, 28):02}" \
           f" {random.randint(0, 23):02}:{random.randint(0, 59):02}"
    p, tier = random.choice(["P1", "P2", "P3", "P4"]), random.choice(["standard", "premium"])
    t.equal(q("SELECT sla_deadline(?, ?, ?)", when, p, tier),
            cli_deadline("-s", when, "-p", p, "-t", tier), f"{when} {p} {tier} as the CLI says")

# Errors carry the CLI's message.
t.error(lambda: q("SELECT sla_deadline('2026-11-25 16:30', 'P9')"),
        cli_error("-s", "2026-11-25 16:30", "-p", "P9"), "an unknown priority")
t.error(lambda: q("SELECT sla_deadline('2026-11-25 16:30', 'P1', 'gold')"),
        cli_error("-s", "2026-11-25 16:30", "-t", "gold"), "an unknown tier")
t.error(lambda: q("SELECT sla_deadline('2026-02-30')"),
        cli_error("-s", "2026-02-30").replace("--submitted", "submitted"), "no such date")
t.error(lambda: q("SELECT sla_deadline('2026-03-08 02:30')"),
        "sla: error: invalid submitted \"2026-03-08 02:30\": the local time does not exist",
        "a time the clocks skip")
t.error(lambda: q("SELECT sla_deadline('9999-12-31 12:00', 'P4')"),
        "sla: error: no deadline for a ticket submitted \"9999-12-31T12:00:00-05:00\"",
        "a deadline after 9999")
t.error(lambda: q("SELECT sla_deadline('now')"), "never reads the clock", "now is refused")
t.error(lambda: q("SELECT sla_deadline(julianday('2026-11-25'))"), "a real number", "a real")
t.error(lambda: q("SELECT sla_deadline(strftime('%s', '2026-11-25'))"), "CAST(submitted AS "
        "INTEGER)", "digits as text")
t.error(lambda: q("SELECT sla_deadline(x'00')"), "(a blob of 1 bytes)", "a blob")
t.error(lambda: q("SELECT sla_deadline(1, 2, 3, 4)"), "wrong number of arguments",
        "four arguments")
t.error(lambda: q("SELECT sla_deadline()"), "wrong number of arguments", "no arguments")

# --- sla_status ---------------------------------------------------------------------------------
NOW = "2026-11-25 16:30"
tickets = [("2026-11-25 16:30", "P1", "premium", None, "on_track"),
           ("2026-11-24 10:00", "P2", "standard", None, "breached"),
           ("2026-11-20 11:15", "P3", "standard", "2026-11-23 10:00", "met"),
           ("2026-11-23 09:00", "P4", "premium", "2026-11-25 17:00", "missed")]
for submitted, p, tier, responded, want in tickets:
    t.equal(q("SELECT sla_status(?, ?, ?, ?, ?)", submitted, p, tier, responded, NOW), want,
            f"{submitted} {p} {tier}")
t.equal(q("SELECT sla_status('2026-11-24 10:00', 'P2', NULL, '', ?)", NOW), "breached",
        "an empty responded is no response")
# P2 standard from Tue 10:00 is due Wed 10:00; at Tue 17:00 it has used 7 h of 9 (78%).
for warn, want in ((None, "at_risk"), (75, "at_risk"), (80, "on_track"), ("77.7", "at_risk"),
                   (77.8, "on_track"), (0, "at_risk"), (100, "on_track"), ("", "at_risk")):
    t.equal(q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', NULL, "
              "'2026-11-24 17:00', ?)", warn), want, f"warn_percent {warn!r}")
t.equal(q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', NULL, '2026-11-23')"),
        "on_track", "now before the submission")
t.equal(q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', '2026-11-25 10:00', "
          "'2026-11-23')"), "met", "now does not change met")
t.equal(q("SELECT sla_status(?, 'P2', 'standard', NULL, ?)", 1795532400,
          1795642200), "breached", "integers")
t.equal(q("SELECT sla_status(NULL, 'P2', 'standard', NULL, ?)", NOW), None, "NULL submitted")
t.equal(q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', NULL, NULL)"), None,
        "NULL now: no clock is read")
t.error(lambda: q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', '2026-11-23', ?)",
                  NOW), cli_error("check", "-s", "2026-11-24 10:00", "--responded",
                                  "2026-11-23").replace("--responded", "responded"),
        "a response before the submission")
t.error(lambda: q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', NULL, ?, 101)", NOW),
        "sla: error: invalid warn_percent 101; expected a percentage from 0 to 100", "warn 101")
t.error(lambda: q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', NULL, 'soon')"),
        "sla: error: invalid now \"soon\"", "a bad now")
t.error(lambda: q("SELECT sla_status('2026-11-24 10:00', 'P2', 'standard', NULL)"),
        "wrong number of arguments", "four arguments")

# --- sla_elapsed and sla_add --------------------------------------------------------------------
t.equal(q("SELECT sla_elapsed('2026-11-20 11:15', '2026-11-23 10:00')"), 27900,
        "the README's response time")
t.equal(q("SELECT sla_elapsed('2026-11-23 10:00', '2026-11-20 11:15')"), -27900,
        "backwards is negative")
t.equal(q("SELECT sla_elapsed('2026-11-25 16:30', '2026-11-27 09:30')"), 7200,
        "Thanksgiving is closed")
t.equal(q("SELECT sla_elapsed(1795642200, 1795642200)"), 0, "an instant to itself")
t.equal(q("SELECT sla_elapsed(NULL, 1)"), None, "NULL from")
t.equal(q("SELECT sla_elapsed(1, NULL)"), None, "NULL to")
t.equal(q("SELECT sla_add('2026-11-25 16:30', 7200)"), "2026-11-27T09:30:00-05:00",
        "two hours over Thanksgiving")
t.equal(q("SELECT sla_add('2026-11-28 12:00', 0)"), "2026-11-28T12:00:00-05:00", "zero seconds")
t.equal(q("SELECT sla_add('2026-11-25 17:00', 3600.0)"), "2026-11-25T18:00:00-05:00",
        "a whole real, used up at closing time")
t.equal(q("SELECT sla_add(NULL, 1)"), None, "NULL time")
t.equal(q("SELECT sla_add(1, NULL)"), None, "NULL seconds")
t.error(lambda: q("SELECT sla_add('2026-11-25', -1)"), "sla: error: invalid seconds -1: negative",
        "negative seconds")
t.error(lambda: q("SELECT sla_add('2026-11-25', 1.5)"), "not a whole number", "1.5 seconds")
t.error(lambda: q("SELECT sla_add('2026-11-25', 9223372036854775807)"), "past 9999-12-31",
        "too many seconds")
rng = random.Random(5)
for _ in range(300):
    start = rng.randint(-2_000_000_000, 7_000_000_000)
    seconds = rng.choice([0, 1, 59, 3600, 32400, rng.randint(0, 10_000_000)])
    end = q("SELECT sla_add(?, ?)", start, seconds)
    t.equal(q("SELECT sla_elapsed(?, ?)", start, end), seconds, f"sla_elapsed(@{start}, sla_add)")

# --- sla_holidays -------------------------------------------------------------------------------
def cli_holidays(start, end, *options):
    status, out, err = sqltest.sla(args.sla, "holidays", "--from", start, "--to", end, "-o",
                                   "json", *options)
    if status != 0:
        return err
    return [(h["date"], h["weekday"], h["name"], 1 if h["observed"] else 0, h.get("closed"))
            for h in json.loads(out)]


def sql_holidays(start, end, on=db):
    return on.execute("SELECT date, weekday, name, observed, closed FROM sla_holidays(?, ?)",
                      (start, end)).fetchall()


for start, end in (("2026-01-01", "2026-12-31"), ("2021-12-01", "2022-01-31"),
                   ("1900-01-01", "1960-12-31"), ("9990-06-01", "9999-12-31"),
                   ("2026-11-26", "2026-11-26"), ("2026-11-27 10:00", "2026-12-24T23:00:00Z")):
    t.equal(sql_holidays(start, end), cli_holidays(start, end), f"holidays {start} to {end}")
t.equal(sql_holidays("2021-12-31", "2021-12-31"),
        [("2021-12-31", "Fri", "New Year's Day", 1, None)], "observed the year before")
t.equal(sql_holidays(None, "2026-12-31"), [], "NULL from_date")
t.equal(sql_holidays("2026-01-01", None), [], "NULL to_date")
t.equal(q("SELECT count(*) FROM sla_holidays('2026-01-01', '2026-12-31') WHERE observed"), 1,
        "one holiday shifted in 2026")
t.error(lambda: q("SELECT * FROM sla_holidays('2026-12-31', '2026-01-01')"),
        "sla: error: invalid to_date \"2026-01-01\": before from_date \"2026-12-31\"", "backwards")
t.error(lambda: q("SELECT * FROM sla_holidays('2026-01-01')"), "needs from_date and to_date",
        "one argument")
t.error(lambda: q("SELECT * FROM sla_holidays"), "needs from_date and to_date", "no argument")
t.error(lambda: q("SELECT * FROM sla_holidays('2026-01-01', 'soon')"), "invalid to_date \"soon\"",
        "a bad date")
t.equal(db.execute("SELECT d, h.name FROM (SELECT '2026-07-01' AS d UNION SELECT '2026-11-20') "
                   "JOIN sla_holidays(d, date(d, '+10 days')) AS h ORDER BY d").fetchall(),
        [("2026-07-01", "Independence Day"), ("2026-11-20", "Thanksgiving Day")],
        "arguments from a join")

# --- sla_policy: one per connection -------------------------------------------------------------
other = sqltest.connect(args.extension)
t.equal(q("SELECT sla_policy(?)", berlin, on=other), "Berlin office", "sla_policy returns the name")
cases = [("2026-11-27 22:30", "critical"), ("2026-11-26 16:00", None), ("2026-12-24 11:00", "2"),
         ("2026-11-26 16:00", "outage")]
for when, p in cases:
    want = cli_deadline("--policy", berlin, "-s", when, *(["-p", p] if p else []))
    t.equal(q("SELECT sla_deadline(?, ?)", when, p, on=other), want, f"Berlin: {when} {p}")
t.equal(q("SELECT sla_deadline('2026-11-25 16:30', 'P1', 'premium')"),
        "2026-11-27T09:30:00-05:00", "the first connection keeps the built-in policy")
t.error(lambda: q("SELECT sla_deadline('2026-11-25 16:30', 'P1')", on=other),
        "invalid priority \"P1\"", "the second has the Berlin priorities only")
t.equal(sql_holidays("2026-11-01", "2026-12-31", on=other),
        cli_holidays("2026-11-01", "2026-12-31", "--policy", berlin), "holidays follow the policy")
t.equal(q("SELECT sla_elapsed('2026-12-24 08:00', '2026-12-24 17:00')", on=other), 4 * 3600,
        "a part-day closure on the default calendar")
t.error(lambda: q("SELECT sla_policy(?)", os.path.join(policies.name, "missing.toml"), on=other),
        "sla: error: cannot read policy file", "a missing file")
t.equal(q("SELECT sla_deadline('2026-11-26 16:00')", on=other), "2026-12-01T16:00:00+01:00",
        "a failed load keeps the policy in force")
t.equal(q("SELECT sla_policy(NULL)", on=other), None, "sla_policy(NULL) is NULL")
t.error(lambda: q("SELECT sla_policy(?)", os.path.join(policies.name, "company-holidays.txt"),
                  on=other), "sla: error: ", "a file that is no policy")
t.error(lambda: q("SELECT sla_policy()", on=other), "names no file", "no file")
t.equal(q("SELECT sla_policy(?, ?)", tokyo, berlin, on=other), "Tokyo office",
        "two versions: the newest named")
for when in ("2026-05-29 16:00", "2026-06-01 10:00", "2026-11-26 16:00"):
    t.equal(q("SELECT sla_deadline(?)", when, on=other),
            cli_deadline("--policy", berlin, "--policy", tokyo, "-s", when),
            f"the version in force at {when}")
t.error(lambda: other.execute("CREATE VIEW v AS SELECT sla_policy('x')").execute(
    "SELECT * FROM v").fetchall(), "unsafe use of sla_policy()", "sla_policy from a view")
# A constant now is read once per statement, but again by a policy loaded meanwhile: at
# 16:30 Berlin time, an outage from 16:00 is on track; at 16:30 New York time, breached.
third = sqltest.connect(args.extension)
rows = third.execute(
    "SELECT CASE WHEN x = 2 THEN sla_policy(?) END, sla_status('2026-11-25T16:00:00+01:00', "
    "CASE WHEN x > 1 THEN 'outage' END, NULL, NULL, '2026-11-25 16:30') FROM "
    "(SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3)", (berlin,)).fetchall()
t.equal(rows, [(None, "on_track"), ("Berlin office", "on_track"), (None, "on_track")],
        "now read again under a policy loaded in the statement")
t.equal(third.execute("SELECT sla_status('2026-11-25T16:00:00+01:00', 'outage', NULL, NULL, n) "
                      "FROM (SELECT '2026-11-25 16:30' AS n UNION ALL SELECT "
                      "'2026-11-25T16:30:00-05:00')").fetchall(),
        [("on_track",), ("breached",)], "a now that changes by row")
third.close()
other.execute("CREATE TABLE t(submitted)")
other.execute("CREATE INDEX i ON t(sla_deadline(submitted))")
t.check(True, "sla_deadline is deterministic: an index may use it")
other.close()

# --- threads: one connection each, two policies, at the same time -------------------------------
times = [random.randint(1_600_000_000, 1_900_000_000) for _ in range(2000)]


def deadlines(policy, out):
    conn = sqltest.connect(args.extension)
    if policy:
        conn.execute("SELECT sla_policy(?)", (policy,))
    out.extend(sqltest.one(conn, "SELECT sla_deadline(?)", s) for s in times)
    conn.close()


alone = {}
for policy in (None, berlin):
    alone[policy] = []
    deadlines(policy, alone[policy])
results = [[] for _ in range(6)]
threads = [threading.Thread(target=deadlines, args=(None if i % 2 else berlin, results[i]))
           for i in range(6)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for i, got in enumerate(results):
    t.equal(got, alone[None if i % 2 else berlin], f"thread {i} agrees with one thread alone")

db.close()
t.finish()
