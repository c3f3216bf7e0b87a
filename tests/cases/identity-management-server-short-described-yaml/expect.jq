[.findings[] | select(.id == "vmm.remote-upgrade-unsupported" or .id == "vmm.encrypted-data-not-retained")] == []
[.findings[] | select(.id | startswith("estate."))] == []
