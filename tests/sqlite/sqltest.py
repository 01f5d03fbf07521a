"""Shared by the SQLite extension's tests: their arguments, connections with the extension
loaded, the sqlite3 shell, policy files to load, and a tally printed as "N passed, M failed"."""
import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile


def options():
    """Returns the command line: --extension (libsla.so), --sla (the binary), --sqlite3."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--extension", required=True, help="path of the built libsla.so")
    parser.add_argument("--sla", required=True, help="path of the built sla binary")
    parser.add_argument("--sqlite3", default="sqlite3", help="the sqlite3 shell")
    return parser.parse_args()


def connect(extension, path=":memory:", **kwargs):
    """Returns a connection with the extension loaded (loading is switched off again)."""
    db = sqlite3.connect(path, **kwargs)
    db.enable_load_extension(True)
    db.load_extension(extension)
    db.enable_load_extension(False)
    return db


def one(db, sql, *args):
    """Returns the single value the query gives."""
    return db.execute(sql, args).fetchone()[0]


def shell(sqlite3_path, *args, stdin=None, cwd=None):
    """Runs the sqlite3 shell; returns (status, stdout, stderr). Under the sanitizers the shell
    runs with SLA_SHELL_ASAN_OPTIONS: it leaks nothing, so leaks of the extension show."""
    env = dict(os.environ)
    if "SLA_SHELL_ASAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] = env["SLA_SHELL_ASAN_OPTIONS"]
    run = subprocess.run([sqlite3_path, *args], input=stdin, capture_output=True, text=True,
                         cwd=cwd, env=env, errors="replace", timeout=600)
    return run.returncode, run.stdout, run.stderr


def sla(binary, *args, stdin=None, cwd=None):
    """Runs the sla binary with "now" left to --now; returns (status, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SLA_POLICY", "SLA_NOW")}
    env["NO_COLOR"] = "1"
    run = subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, cwd=cwd,
                         env=env, errors="replace", timeout=600)
    return run.returncode, run.stdout, run.stderr


# A policy of office hours in Berlin with a company holiday file, and a 24x7 clock for outages.
BERLIN_POLICY = """name = "Berlin office"
time_zone = "Europe/Berlin"
default_priority = "normal"
default_tier = "enterprise"
default_calendar = "office"

[calendars.office]
holidays = ["company-holidays.txt"]
mon = ["08:00-12:00", "13:00-17:00"]
tue = ["08:00-12:00", "13:00-17:00"]
wed = ["08:00-12:00", "13:00-17:00"]
thu = ["08:00-12:00", "13:00-17:00"]
fri = ["08:00-12:00"]
day = "8h"

[calendars.always]
hours = "24x7"

[[priorities]]
id = "outage"
aliases = ["critical", "1"]

[[priorities]]
id = "normal"
aliases = ["2"]

[[tiers]]
id = "enterprise"

[response]
outage = { enterprise = { target = "4h", calendar = "always" } }
normal = { enterprise = "2d" }
"""

COMPANY_HOLIDAYS = """# Company days off
4th Thu of Nov +1 | | Day after Thanksgiving
12-24 | closed 13:00-24:00 | Christmas Eve afternoon
"""

# The same contract in a later version, from 2026-06-01, on Tokyo time.
TOKYO_POLICY = BERLIN_POLICY.replace('name = "Berlin office"',
                                     'name = "Tokyo office"\neffective = "2026-06-01"').replace(
                                         "Europe/Berlin", "Asia/Tokyo")


def policy_directory():
    """Returns a temporary directory holding berlin.toml, tokyo.toml and their holiday file."""
    directory = tempfile.TemporaryDirectory(prefix="sla-sqlite-")
    for name, text in (("berlin.toml", BERLIN_POLICY), ("tokyo.toml", TOKYO_POLICY),
                       ("company-holidays.txt", COMPANY_HOLIDAYS)):
        with open(os.path.join(directory.name, name), "w", encoding="utf-8") as f:
            f.write(text)
    return directory


class Tally:
    """Counts checks; prints each failure, and at the end "N passed, M failed"."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what, flush=True)
        return ok

    def equal(self, got, want, what):
        return self.check(got == want, f"{what}: got {got!r}, want {want!r}")

    def error(self, run, fragment, what):
        """Checks that run() raises an SQL error whose message holds `fragment`."""
        try:
            got = run()
        except sqlite3.Error as e:
            return self.check(fragment in str(e), f"{what}: error {str(e)!r} lacks {fragment!r}")
        return self.check(False, f"{what}: no error, got {got!r}")

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
