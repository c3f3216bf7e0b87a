.verdict == "warnings"
[.findings[] | select(.id == "vmm.library-share")] | length == 1
.findings[] | select(.id == "vmm.library-share") | .severity == "warning" and .waivable == true
.findings[] | select(.id == "vmm.library-share") | (.detail | contains("VMMLib2"))
