[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.remote-upgrade-unsupported ")))] == []
