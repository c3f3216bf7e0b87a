.verdict == "ok"
[.findings[] | select(.id == "vmm.library-share")] | length == 0
