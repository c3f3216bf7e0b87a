[.findings[] | select(.id == "estate.unknown-fact")] | length == 2
[.findings[] | select(.id == "estate.unknown-fact") | .detail] | any(contains("facts.wsman.max_conections"))
[.findings[] | select(.id == "estate.unknown-fact") | .detail] | any(contains("upgrade.managementserver"))
