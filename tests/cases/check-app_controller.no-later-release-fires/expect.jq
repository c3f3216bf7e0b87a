[.findings[] | select(.id == "app_controller.no-later-release")] | length == 1
.findings[] | select(.id == "app_controller.no-later-release") | .severity == "info"
# without upgrade.keep or upgrade.retire the component cannot reach the target
[.findings[] | select(.id == "path.none") | .component] == ["ac"]
