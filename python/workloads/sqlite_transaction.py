"""
A real database mid-transaction: each batch of rows is committed, then acknowledged. verify() shows whether a stop lost
a committed batch, left half of one, or left the database needing recovery.
"""

import os

from isolation_harness.workload import define_workload

DATABASE_FILE = "batches.db"
BATCH_SIZE = 100
PAYLOAD = "x" * 100
# Files SQLite keeps next to the database while a transaction or a WAL is open.
SIDE_FILE_SUFFIXES = ("-journal", "-wal", "-shm")


def run(context):
    database = open_batch_database(context.data_dir)
    try:
        context.ready()
        batch = 0
        while not context.stop_requested():
            batch += 1
            # The section opens halfway through the batch's inserts and closes once COMMIT has returned.
            _insert_batch(database, batch, midway=lambda: context.enter_section("inside-transaction"))
            context.leave_section("inside-transaction")
            context.acknowledge(batch)
    finally:
        database.close()
        context.mark_cleanup_ran("database closed")


def open_batch_database(directory):
    """
    Rollback-journal mode (DELETE, SQLite's default) with synchronous=FULL: a COMMIT has returned only once it is on
    disk, and a transaction cut short leaves a `-journal` that the next reader rolls back. Autocommit (isolation_level
    None) so that BEGIN and COMMIT are the workload's own, not the sqlite3 module's implicit ones.
    """
    import sqlite3  # here, not at the top: describe must load this module where SQLite is missing

    database = sqlite3.connect(os.path.join(directory, DATABASE_FILE), isolation_level=None)
    database.execute("PRAGMA journal_mode = DELETE")
    database.execute("PRAGMA synchronous = FULL")
    database.execute(
        "CREATE TABLE IF NOT EXISTS batch_rows (batch INTEGER NOT NULL, position INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (batch, position))"
    )
    return database


def _insert_batch(database, batch, midway):
    """One batch is one transaction, rolled back if anything in it raises."""
    database.execute("BEGIN")
    try:
        for position in range(BATCH_SIZE):
            if position == BATCH_SIZE // 2:
                midway()
            database.execute("INSERT INTO batch_rows (batch, position, payload) VALUES (?, ?, ?)", (batch, position, PAYLOAD))
        database.execute("COMMIT")
    except BaseException:
        if database.in_transaction:
            database.execute("ROLLBACK")
        raise


def verify(data_dir, acknowledged):
    """Side files left, SQLite's integrity_check, acknowledged batches with no rows (missing), batches with some rows (torn)."""
    path = os.path.join(data_dir, DATABASE_FILE)
    side_files = [DATABASE_FILE + suffix for suffix in SIDE_FILE_SUFFIXES if os.path.exists(path + suffix)]
    side_line = f"{', '.join(side_files)} left after the stop" if side_files else "no -journal or -wal file left"
    if not os.path.exists(path):
        return {"acknowledged": len(acknowledged), "missing": len(acknowledged), "torn": 0, "detail": f"{DATABASE_FILE} not found"}
    # A hot journal is rolled back by the first read, as the next user would see it. No busy timeout: a lock still
    # held after the stop belongs to the stopped work, and waiting will not free it.
    import sqlite3

    database = sqlite3.connect(path, timeout=0)
    try:
        integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
        rows_by_batch = {str(batch): rows for batch, rows in database.execute("SELECT batch, COUNT(*) FROM batch_rows GROUP BY batch")}
    finally:
        database.close()
    return {
        "acknowledged": len(acknowledged),
        "missing": sum(1 for batch in acknowledged if batch not in rows_by_batch),
        "torn": sum(1 for rows in rows_by_batch.values() if rows < BATCH_SIZE),
        "corrupt": integrity != "ok",
        "detail": f"{side_line}; integrity_check: {integrity}",
    }


def sqlite_unavailable():
    """The sqlite3 module is standard, but a Python built without SQLite lacks its C part."""
    try:
        import _sqlite3  # noqa: F401
    except ImportError as error:
        return f"this Python has no SQLite ({error})"
    return None


workload = define_workload(
    name="sqlite-transaction",
    description=f"commits batches of {BATCH_SIZE} rows to {DATABASE_FILE} (sqlite3, rollback journal, synchronous=FULL), acknowledging each after COMMIT, until stopped",
    critical_sections=["inside-transaction"],
    run=run,
    verify=verify,
    unavailable=sqlite_unavailable,
)
