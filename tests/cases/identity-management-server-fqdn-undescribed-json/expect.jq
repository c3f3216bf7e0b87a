[.findings[] | select(.id == "vmm.remote-upgrade-unsupported" or .id == "vmm.encrypted-data-not-retained" or .id == "vmm.dkm-server-name")] == []
