"""The only code that changes 政务公开 records."""
