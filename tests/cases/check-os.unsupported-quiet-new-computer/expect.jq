[.findings[] | select(.id == "os.unsupported")] | length == 0
[.findings[] | select(.id == "vmm.dkm-server-name")] | length == 1
