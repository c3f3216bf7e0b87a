[.findings[] | select(.id == "app_controller.no-later-release")] | length == 0
