"""Services: plain functions ``f(session, actor, ...) -> result``.

Each checks the actor's permission, validates its input, changes the database
and writes the audit record in the caller's transaction.  The UI, the CLI and
the tests call these same functions.
"""
