# METADATA
# title: ECR repositories scan images on push; GuardDuty detectors are enabled
# description: >-
#   An AWS::ECR::Repository must set ImageScanningConfiguration.ScanOnPush to true, unless the
#   template declares an AWS::ECR::RegistryScanningConfiguration whose rules scan every repository
#   ("*") on push or continuously. A declared AWS::GuardDuty::Detector must have Enable true: a
#   disabled detector looks like threat detection and detects nothing.
# custom:
#   id: OPS-1-AWS
#   severity: high
#   level: mandatory
#   controls: [OPS-1]
#   remediation: >-
#     Set ImageScanningConfiguration.ScanOnPush to true on the repository (or scan every repository
#     from the registry's scanning configuration), and Enable to true on the GuardDuty detector.
#   resource_types: ["AWS::ECR::Repository", "AWS::ECR::RegistryScanningConfiguration", "AWS::GuardDuty::Detector"]
#   checks:
#     "AWS::ECR::Repository": [ImageScanningConfiguration.ScanOnPush]
#     "AWS::ECR::RegistryScanningConfiguration": [Rules]
#     "AWS::GuardDuty::Detector": [Enable]
package cordon.rules.ops_1_aws_scanning

import data.cordon.lib

deny contains lib.finding(addr, "ImageScanningConfiguration.ScanOnPush", msg) if {
	some addr, r in lib.resources_of("AWS::ECR::Repository")
	not registry_scans_all
	not lib.unresolved(scan_on_push(r.properties))
	not lib.truthy(scan_on_push(r.properties))
	msg := sprintf("ImageScanningConfiguration.ScanOnPush is %v: pushed images are never scanned", [scan_on_push(r.properties)])
}

deny contains lib.unverifiable(addr, "ImageScanningConfiguration.ScanOnPush", v) if {
	some addr, r in lib.resources_of("AWS::ECR::Repository")
	not registry_scans_all
	v := scan_on_push(r.properties)
	lib.unresolved(v)
}

deny contains lib.finding(addr, "Enable", msg) if {
	some addr, r in lib.resources_of("AWS::GuardDuty::Detector")
	not lib.unresolved(enabled(r.properties))
	not lib.truthy(enabled(r.properties))
	msg := sprintf("Enable is %v: the GuardDuty detector is declared but switched off", [enabled(r.properties)])
}

deny contains lib.unverifiable(addr, "Enable", v) if {
	some addr, r in lib.resources_of("AWS::GuardDuty::Detector")
	v := enabled(r.properties)
	lib.unresolved(v)
}

# "missing" when absent, so that `not truthy(...)` never fails open.
scan_on_push(p) := object.get(object.get(p, "ImageScanningConfiguration", {}), "ScanOnPush", "missing")

enabled(p) := object.get(p, "Enable", "missing")

registry_scans_all if {
	some r in lib.resources_of("AWS::ECR::RegistryScanningConfiguration")
	some rule in r.properties.Rules
	rule.ScanFrequency in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}
	some f in rule.RepositoryFilters
	f.Filter == "*"
}
