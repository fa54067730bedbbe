"""Reading git: the one place the package runs ``git``; the rules over what it reads are core's."""
