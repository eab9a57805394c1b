"""A corpus of hostile inputs: each case writes its files into a folder and names the
command line to run, the exit code expected and a fragment of the French message."""
