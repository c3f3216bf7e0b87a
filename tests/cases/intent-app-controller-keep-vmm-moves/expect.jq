.verdict == "blocked"
[.findings[] | select(.id == "path.none")] == []
.findings[] | select(.id == "path.kept") | .severity == "info" and .component == "ac" and .hop == null and (.detail | contains("ac stays at 2012 R2 (upgrade.keep)")) and (.detail | contains("no release after 2012 R2"))
[.findings[] | select(.severity == "blocker") | [.id, .component]] == [["app_controller.kept-beside-newer-vmm", "ac"]]
.findings[] | select(.id == "app_controller.kept-beside-newer-vmm") | (.detail | contains("components[vmm].target = 2016"))
[.findings[] | select(.id == "app_controller.no-later-release")] == []
[.steps[] | select(.component == "ac")] == []
