"""Quality audits of the built sample site that `make audit` runs: Lighthouse on key pages."""
