# one system upgrade per server that needs one, naming the release
[.steps[] | select(.action == "upgrade-os" and .servers == ["LIB01"])] | length == 1
[.steps[] | select(.action == "upgrade-os" and .servers == ["ADMIN01"])] | length == 1
.steps[] | select(.action == "upgrade-os" and .servers == ["LIB01"]) | .os_from == "Windows Server 2012 R2" and .os_to == "Windows Server 2016"
# before the library server's agent moves to 2019
(.steps[] | select(.action == "upgrade-os" and .servers == ["LIB01"]) | .id) < ([.steps[] | select(.component == "vmm" and .role == "library_server" and .action == "upgrade" and .to == "2019") | .id] | min)
# the management servers go to Windows Server 2022 inside VMM's own procedure (uninstall, system, install)
[.steps[] | select(.action == "upgrade-os" and .servers == ["VMM01"]) | .os_to] == ["Windows Server 2022"]
# both os.unsupported findings of ADMIN01 point at the one step
(.steps[] | select(.action == "upgrade-os" and .servers == ["ADMIN01"]) | .id) as $a | [.findings[] | select(.id == "os.unsupported" and (.servers | index("ADMIN01"))) | .resolved_by | index($a)] | all
