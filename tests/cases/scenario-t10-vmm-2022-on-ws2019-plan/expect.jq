# T10 plan: back up -> uninstall keeping the database -> upgrade the OS -> ADK -> install 2022 -> agents
[.steps[] | select(.component == "vmm" and .role == "management_server") | .action] | (index("backup") < index("uninstall")) and (index("uninstall") < index("upgrade-os")) and (index("upgrade-os") < index("upgrade"))
(.findings[] | select(.id == "os.unsupported") | .resolved_by[0]) as $r | .steps[] | select(.id == $r) | .action == "upgrade-os" and .servers == ["VMM01"]
[.steps[] | select(.role == "host_agent" and .action == "upgrade")] | length == 1
([.steps[] | select(.role == "host_agent" and .action == "upgrade") | .id] | min) > ([.steps[] | select(.role == "management_server" and .action == "upgrade") | .id] | max)
