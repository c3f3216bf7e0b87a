# T15 plan: uninstall and unregister the old pack everywhere -> upgrade VMM -> register the new pack
[.steps[] | select(.role == "integration_pack") | .action] | index("unregister-ip") < index("register-ip")
([.steps[] | select(.role == "integration_pack" and .action == "unregister-ip") | .id] | min) < ([.steps[] | select(.component == "vmm" and .action == "upgrade") | .id] | min)
([.steps[] | select(.role == "integration_pack" and .action == "register-ip") | .id] | max) > ([.steps[] | select(.component == "vmm" and .role == "management_server" and .action == "upgrade") | .id] | max)
