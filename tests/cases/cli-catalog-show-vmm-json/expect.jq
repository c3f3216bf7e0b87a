.id == "vmm" and .name == "Virtual Machine Manager"
[.roles[] | if type == "object" then .id else . end] == ["management_server", "console", "library_server", "host_agent"]
.releases | index("2025") != null
[.checks[] | if type == "object" then .id else . end] | index("vmm.ha-requirements") != null
