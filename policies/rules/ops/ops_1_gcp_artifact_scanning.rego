# METADATA
# title: Artifact Registry Docker repositories keep vulnerability scanning on
# description: >-
#   A google_artifact_registry_repository of format DOCKER must not set
#   vulnerability_scanning_config.enablement_config to DISABLED: images pushed there would never be
#   scanned. INHERITED (the default) follows the project's Container Scanning API.
# custom:
#   id: OPS-1-GCP
#   severity: high
#   level: mandatory
#   controls: [OPS-1]
#   remediation: >-
#     Remove enablement_config = "DISABLED" (or set it to INHERITED) and enable
#     containerscanning.googleapis.com in the registry's project.
#   resource_types: [google_artifact_registry_repository]
#   checks:
#     "google_artifact_registry_repository": [format, vulnerability_scanning_config.enablement_config]
package cordon.rules.ops_1_gcp_artifact_scanning

import data.cordon.lib

deny contains lib.finding(addr, "vulnerability_scanning_config.enablement_config", msg) if {
	some addr, r in lib.resources_of("google_artifact_registry_repository")
	docker(r.properties)
	some v in enablement(r.properties)
	is_string(v)
	upper(v) == "DISABLED"
	msg := "vulnerability scanning is DISABLED: pushed images are never scanned"
}

deny contains lib.unverifiable(addr, "vulnerability_scanning_config.enablement_config", v) if {
	some addr, r in lib.resources_of("google_artifact_registry_repository")
	docker(r.properties)
	some v in enablement(r.properties)
	lib.unresolved(v)
}

# The format defaults to nothing in the provider; a repository without one is treated as Docker.
docker(p) if upper(object.get(p, "format", "DOCKER")) == "DOCKER"

docker(p) if lib.unresolved(p.format)

enablement(p) := [v | some b in lib.blocks(p.vulnerability_scanning_config); v := b.enablement_config]
