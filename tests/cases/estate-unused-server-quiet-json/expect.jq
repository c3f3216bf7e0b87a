# every described server is named: by a role, by database.server (FQDN for a short entry) and by upgrade.management_server (short for an FQDN entry)
[.findings[] | select(.id == "estate.unused-server")] == []
# the new computer is seen under its entry's name
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .detail | contains("on vmm02.contoso.com")
