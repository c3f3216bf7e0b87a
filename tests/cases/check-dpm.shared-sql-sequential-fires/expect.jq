[.findings[] | select(.id == "dpm.shared-sql-sequential")] | length == 2
[.findings[] | select(.id == "dpm.shared-sql-sequential") | .component] | sort == ["dpm1", "dpm2"]
