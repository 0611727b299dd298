"""Subcommands of the `pemilu-facts` command line, one module each."""
