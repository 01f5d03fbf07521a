"""Feeds every function of the extension values of every SQLite type -- NULL, integers at both
ends, reals with infinities and NaN, empty and huge texts, bytes that are not UTF-8, blobs --
in Python's sqlite3 module and in the sqlite3 shell, and shows that each call gives a result or
an "sla: error:" and that nothing crashes."""
import os
import random
import sqlite3
import tempfile

import sqltest

args = sqltest.options()
t = sqltest.Tally()
db = sqltest.connect(args.extension)
policies = sqltest.policy_directory()

# Every value as SQL, so that the shell gets the same ones: NaN becomes NULL in SQLite.
VALUES = [
    "NULL", "0", "1", "-1", "3", "100", "101", "7200", "1795642200", "-2208988800",
    "253402300799", "1000000000000", "-1000000000001", "9223372036854775807",
    "-9223372036854775808", "0.0", "-0.0", "0.5", "75.0", "1795642200.0", "2461005.5", "1e308",
    "-1e308", "9e999", "-9e999", "0.0/0.0", "''", "' '", "'now'", "'NOW'", "'P1'", "'p2'",
    "'urgent'", "'premium'", "'standard'", "'2026-11-25 16:30'", "'2026-11-25T16:30:00-05:00'",
    "'2026-11-25'", "'1900-01-01'", "'1899-12-31 23:59:59'", "'9999-12-31 23:59:59'",
    "'10000-01-01'", "'2026-02-30'", "'2026-03-08 02:30'", "'2026-11-01 01:30'", "'@'", "'@-'",
    "'@1795642200.999'", "'@-99999999999999999999999'", "'1795642200'", "'-5'", "'3600'",
    "'50%'", "'nan'", "'inf'", "'2026-11-25T16:30:00+24:00'", "'2026-11-25 24:00'",
    "'x' || char(0) || 'y'", "CAST(x'ff' AS TEXT)", "CAST(x'c3' AS TEXT)", "'Ünïcödé ☃'",
    "x''", "x'00'", "x'32303236'", "zeroblob(100000)", "randomblob(1000)",
    "replace(hex(zeroblob(500000)), '0', 'a')", "'2026-11-25' || replace(hex(zeroblob(50000)), "
    "'00', ' ')", "printf('%.*c', 1000000, '9')", "'/'", "'/nonexistent/policy.toml'",
    "'.'", "replace(hex(zeroblob(5000)), '00', '/a')",
]
GOOD = {"time": "'2026-11-25 16:30'", "word": "NULL", "now": "'2026-11-25 16:30'",
        "seconds": "3600", "percent": "75"}
# Each function, its argument kinds, and the SQLite type its result has.
FUNCTIONS = [
    ("sla_deadline", ["time"], str), ("sla_deadline", ["time", "word"], str),
    ("sla_deadline", ["time", "word", "word"], str),
    ("sla_status", ["time", "word", "word", "time", "now"], str),
    ("sla_status", ["time", "word", "word", "time", "now", "percent"], str),
    ("sla_elapsed", ["time", "time"], int), ("sla_add", ["time", "seconds"], str),
]


def calls():
    """Yields (sql, result type): each value in each place, the others good; then random mixes."""
    for name, kinds, kind_of_result in FUNCTIONS:
        for place in range(len(kinds)):
            for value in VALUES:
                arguments = [GOOD[k] for k in kinds]
                arguments[place] = value
                yield f"SELECT {name}({', '.join(arguments)})", kind_of_result
    rng = random.Random(7)
    for _ in range(3000):
        name, kinds, kind_of_result = rng.choice(FUNCTIONS)
        yield f"SELECT {name}({', '.join(rng.choice(VALUES) for _ in kinds)})", kind_of_result
    for a in VALUES:
        for b in ("'2026-12-31'", rng.choice(VALUES)):
            yield f"SELECT count(*) FROM sla_holidays({a}, {b})", int
            yield f"SELECT count(*) FROM sla_holidays({b}, {a})", int


def policy_calls():
    """Yields sla_policy calls with every value; then one that loads a good policy."""
    for value in VALUES:
        yield f"SELECT sla_policy({value})", str
    yield f"SELECT sla_policy('{os.path.join(policies.name, 'berlin.toml')}')", str


every_call = list(calls())
outcomes = {"result": 0, "NULL": 0, "error": 0}
for sql, kind in every_call + list(policy_calls()) + every_call[:2000]:
    try:
        value = db.execute(sql).fetchone()[0]
    except sqlite3.OperationalError as e:
        outcomes["error"] += 1
        message = str(e)
        t.check(message.startswith("sla: error: ") and "\n" not in message,
                f"{sql[:200]}: error {message[:300]!r} is not one line of sla's")
        continue
    except Exception as e:  # anything else is a bug
        t.check(False, f"{sql[:200]}: {type(e).__name__}: {e}")
        continue
    outcomes["NULL" if value is None else "result"] += 1
    t.check(value is None or isinstance(value, kind), f"{sql[:200]}: {value!r} is no {kind}")
t.check(min(outcomes.values()) > 100, f"each outcome many times: {outcomes}")
print(f"module: {len(every_call)} calls, outcomes {outcomes}")

# The same calls in the shell, one statement each, without -bail: it must reach the end.
with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
    script.write(f".load {os.path.splitext(os.path.abspath(args.extension))[0]}\n")
    for sql, _ in every_call + list(policy_calls()):
        script.write(sql + ";\n")
    script.write("SELECT 'reached the end';\n")
status, out, err = sqltest.shell(args.sqlite3, ":memory:", f".read {script.name}")
os.unlink(script.name)
t.check(out.endswith("reached the end\n"), f"the shell ran every statement (status {status})")
errors = [line for line in err.splitlines() if line.strip()]
t.check(all("sla: error: " in line or "sla_holidays" in line for line in errors),
        f"every shell error is an sla error: {[e for e in errors if 'sla: error' not in e][:3]}")
t.check("AddressSanitizer" not in err and "runtime error" not in err, "no sanitizer report")

# Wrong arities are SQLite's to refuse.
for name, arities in (("sla_deadline", (0, 4)), ("sla_status", (4, 7)), ("sla_elapsed", (1, 3)),
                      ("sla_add", (1, 3))):
    for n in arities:
        t.error(lambda: db.execute(f"SELECT {name}({', '.join(['1'] * n)})").fetchall(),
                "wrong number of arguments", f"{name} with {n} arguments")
t.error(lambda: db.execute("SELECT * FROM sla_holidays(1, 2, 3)").fetchall(),
        "too many arguments", "sla_holidays with three arguments")
db.close()
t.finish()
