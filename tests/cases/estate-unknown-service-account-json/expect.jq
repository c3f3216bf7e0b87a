[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.encrypted-data-not-retained ")) and (.detail | contains("needs facts.service_account,")))] | length == 1
[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.vm-role-data-not-retained ")) and (.detail | contains("needs facts.service_account,")))] | length == 1
[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.ha-requirements ")) and (.detail | contains("needs facts.service_account,")))] | length == 1
.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.encrypted-data-not-retained "))) | .detail | contains("Add the account the VMM service runs as today")
