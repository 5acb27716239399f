"""Quality audits of the built sample site, as readers meet it, that `make audit` runs."""
