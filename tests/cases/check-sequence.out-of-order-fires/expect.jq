.verdict == "blocked"
[.findings[] | select(.id == "sequence.out-of-order")] | length == 1
.findings[] | select(.id == "sequence.out-of-order") | .severity == "blocker" and .component == "vmm"
.findings[] | select(.id == "sequence.out-of-order") | .servers == ["VMM01"]
.findings[] | select(.id == "sequence.out-of-order") | (.detail | contains("operations_manager before vmm"))
