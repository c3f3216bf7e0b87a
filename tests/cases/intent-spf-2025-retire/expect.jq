.verdict == "ok"
[.steps[] | select(.component == "spf") | [.action, .role, .servers]] == [["uninstall", "server", ["SPF01"]]]
([.steps[] | select(.component == "spf") | .wave] | max) < ([.steps[] | select(.component == "vmm") | .wave] | min)
.findings[] | select(.id == "path.retired") | (.detail | contains("Service Provider Foundation has no release after 2022"))
