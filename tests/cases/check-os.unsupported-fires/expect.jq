# cli.md: upgrading the OS is a plan step that resolves the blocker (resolved_by), so the exit code is 1
[.findings[] | select(.id == "os.unsupported")] | length == 1
.findings[] | select(.id == "os.unsupported") | .severity == "blocker" and .component == "vmm" and .servers == ["VMM01"]
.findings[] | select(.id == "os.unsupported") | .hop == {"from": "2019", "to": "2022"}
.findings[] | select(.id == "os.unsupported") | (.detail | contains("Windows Server 2019") and contains("Windows Server 2022"))
.findings[] | select(.id == "os.unsupported") | .sources == ["SystemCenterDocs/includes/system-reqs-vmm-2022.md"]
.findings[] | select(.id == "os.unsupported") | (.resolved_by | length >= 1)
.verdict == "planned"
