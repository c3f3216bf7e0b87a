# SPF 2022 keeps working with the 2025 components: kept, no step, no blocker
[.findings[] | select(.severity == "blocker" and .waived == null)] == []
.findings[] | select(.id == "path.kept") | .component == "spf" and (.detail | contains("spf stays at 2022 UR2"))
[.findings[] | select(.id == "spf.kept-beside-newer-vmm" or .id == "spf.discontinued" or .id == "path.none")] == []
[.steps[] | select(.component == "spf")] == []
[.steps[] | select(.component == "vmm" and .action == "upgrade") | .to] | unique == ["2025"]
