# facts: BLOCK, the plan upgrades the OS to WS2022; ordo: os.unsupported is resolved by that plan step (resolved_by), so exit 1
.findings[] | select(.id == "os.unsupported") | .servers == ["VMM01"] and (.detail | contains("Windows Server 2022"))
.findings[] | select(.id == "os.unsupported") | (.resolved_by | length >= 1)
.verdict == "planned"
