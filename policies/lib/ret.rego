# Helpers of the RET and LOG rules: which buckets hold documents and which hold logs, decided from
# resource types, properties and the references between resources, never from names.
#
# A document bucket is a bucket encrypted with a KMS key that is not a log or audit bucket.
# - The key: ENC-1 demands a customer key on every bucket, so a bucket without one already fails
#   the gate; among the compliant ones, the key is what marks data worth a tenant's key. This keeps
#   static-site or artifact buckets of templates nobody here wrote (SSE-S3, Google-managed) out of
#   the retention rules, without opening a gap: they fail ENC-1 first.
# - Not a log or audit bucket: Object Lock (AWS) or a locked retention policy (GCS) marks an
#   immutable audit store (RET-3), and a bucket that is the destination of a CloudTrail trail,
#   an AWS Config delivery channel, a flow log, CloudFront or S3 access logging, or a Cloud Logging
#   sink or GCS access logging, receives logs, which follow RET-3 and never the document expiry.
package cordon.lib.ret

import data.cordon.lib

# Types the document-bucket decision reads; every rule using it lists them in resource_types.
aws_bucket_types := [
	"AWS::S3::Bucket",
	"AWS::CloudTrail::Trail",
	"AWS::Config::DeliveryChannel",
	"AWS::EC2::FlowLog",
	"AWS::CloudFront::Distribution",
]

gcp_bucket_types := [
	"google_storage_bucket",
	"google_logging_project_sink",
	"google_logging_folder_sink",
	"google_logging_organization_sink",
]

# The registry entry of the stack's tenant, when there is one.
tenant := input.tenant if is_object(input.tenant)

# Years audit evidence is kept: the tenant's audit contract, never under seven (RET-3).
audit_years := max([7, tenant.retention.auditYears])

audit_years := 7 if not tenant

audit_min_days := audit_years * 365

# The longest retention CloudWatch Logs accepts (10 years); a longer contract needs a group that never expires.
cloudwatch_max_days := 3653

# A CloudWatch log group's properties keep audit evidence for the audit contract: RetentionInDays
# covers it, or, for a contract beyond CloudWatch's longest retention, the events never expire.
cloudwatch_keeps_audit(p) if lib.number(p.RetentionInDays) >= audit_min_days

cloudwatch_keeps_audit(p) if {
	not lib.has(p, "RetentionInDays")
	audit_min_days > cloudwatch_max_days
}

# ---- AWS ----

# CloudWatch log groups that hold audit evidence, whose retention the audit rules judge against the
# tenant's contract: edge request logs (RET-3-AWS-EDGE-LOGS) and pgaudit's export (LOG-1-AWS-PGAUDIT-EXPORT).
aws_audit_log_groups := aws_edge_log_groups | {g | some r in aws_pgaudit_clusters; some g in aws_log_groups_by_name[aws_pgaudit_group_name(r)]}

# Where edge logs are written, as [owner address, property, value]: each of a WAF logging
# configuration's LogDestinationConfigs, and the DestinationResourceArn of each declared delivery
# destination a distribution's access logs are delivered to.
aws_edge_log_targets contains [addr, "LogDestinationConfigs", v] if {
	some addr, c in lib.resources_of("AWS::WAFv2::LoggingConfiguration")
	some v in c.properties.LogDestinationConfigs
}

aws_edge_log_targets contains [addr, "DestinationResourceArn", dest.properties.DestinationResourceArn] if {
	some d in aws_edge_access_deliveries
	addr := lib.ref_address(d.properties.DeliveryDestinationArn)
	dest := input.resources[addr]
	dest.type == "AWS::Logs::DeliveryDestination"
}

# Log groups receiving edge logs: by reference, or by the ARN of a group declared under that name.
aws_edge_log_groups contains g if {
	some [_, _, v] in aws_edge_log_targets
	g := lib.ref_address(v)
	input.resources[g].type == "AWS::Logs::LogGroup"
}

aws_edge_log_groups contains g if {
	some [_, _, v] in aws_edge_log_targets
	some g in aws_log_groups_by_name[aws_log_group_arn_name(v)]
}

# The name in a log group ARN: arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*].
aws_log_group_arn_name(v) := split(v, ":")[6] if lib.aws_arn(v, "logs", "log-group:")

# Deliveries from a delivery source referring to a distribution.
aws_edge_access_deliveries[addr] := d if {
	some src, s in lib.resources_of("AWS::Logs::DeliverySource")
	some dist in s.references
	input.resources[dist].type == "AWS::CloudFront::Distribution"
	some addr, d in lib.resources_of("AWS::Logs::Delivery")
	aws_delivery_from_source(d.properties.DeliverySourceName, src, s)
}

aws_delivery_from_source(v, src, _) if lib.ref_address(v) == src

aws_delivery_from_source(v, _, s) if {
	is_string(v)
	v == s.properties.Name
}

# PostgreSQL clusters (Aurora, or a Multi-AZ DB cluster) whose statement log is exported.
aws_pgaudit_clusters[addr] := r if {
	some addr, r in lib.resources_of("AWS::RDS::DBCluster")
	aws_postgres_engine(r.properties.Engine)
}

aws_postgres_engine(e) if {
	is_string(e)
	startswith(e, "aurora-postgresql")
}

aws_postgres_engine("postgres")

# RDS keeps cluster identifiers in lower case, and names the group after it.
aws_pgaudit_group_name(r) := sprintf("/aws/rds/cluster/%s/postgresql", [lower(id)]) if {
	id := r.properties.DBClusterIdentifier
	is_string(id)
}

# Log groups by literal name, built once per evaluation (a set: two resources may claim one name).
aws_log_groups_by_name[name] contains addr if {
	some addr, g in lib.resources_of("AWS::Logs::LogGroup")
	name := g.properties.LogGroupName
	is_string(name)
}

# Document buckets by address, decided once per evaluation for every rule that asks (a function is
# evaluated anew at every call).
aws_document_buckets[addr] := r if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	aws_kms_encrypted(r.properties)
	not aws_log_buckets[addr]
}

aws_kms_encrypted(p) if {
	some rule in p.BucketEncryption.ServerSideEncryptionConfiguration
	rule.ServerSideEncryptionByDefault.SSEAlgorithm in {"aws:kms", "aws:kms:dsse"}
}

# S3 buckets with Object Lock, or that receive CloudTrail or AWS Config deliveries: audit metadata.
aws_audit_buckets[addr] := r if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	aws_object_lock(r.properties)
}

aws_audit_buckets[addr] := input.resources[addr] if {
	some t in lib.resources_in({"AWS::CloudTrail::Trail", "AWS::Config::DeliveryChannel"})
	addr := lib.ref_address(t.properties.S3BucketName)
	input.resources[addr].type == "AWS::S3::Bucket"
}

aws_object_lock(p) if lib.truthy(p.ObjectLockEnabled)

aws_object_lock(p) if p.ObjectLockConfiguration.ObjectLockEnabled == "Enabled"

# Buckets that hold logs, gathered once per stack (asking per bucket rescanned every bucket: quadratic).
aws_log_buckets contains addr if some addr, _ in aws_audit_buckets

aws_log_buckets contains addr if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	r.properties.AccessControl == "LogDeliveryWrite"
}

aws_log_buckets contains addr if {
	some b in lib.resources_of("AWS::S3::Bucket")
	addr := lib.ref_address(b.properties.LoggingConfiguration.DestinationBucketName)
}

aws_log_buckets contains addr if {
	some f in lib.resources_of("AWS::EC2::FlowLog")
	addr := lib.ref_address(f.properties.LogDestination)
}

aws_log_buckets contains addr if {
	some d in lib.resources_of("AWS::CloudFront::Distribution")
	addr := lib.ref_address(d.properties.DistributionConfig.Logging.Bucket)
}

# An enabled S3 lifecycle rule that applies to every object of the bucket (no prefix, tag or size filter).
aws_whole_bucket_rule(rule) if {
	rule.Status == "Enabled"
	object.get(rule, "Prefix", "") == ""
	count(object.get(rule, "TagFilters", [])) == 0
	not lib.has(rule, "ObjectSizeGreaterThan")
	not lib.has(rule, "ObjectSizeLessThan")
}

aws_lifecycle_rules(p) := p.LifecycleConfiguration.Rules if is_array(p.LifecycleConfiguration.Rules)

aws_lifecycle_rules(p) := [] if not is_array(p.LifecycleConfiguration.Rules)

# ---- GCP ----

gcp_document_buckets[addr] := r if {
	some addr, r in lib.resources_of("google_storage_bucket")
	gcp_cmek(r.properties)
	not gcp_log_buckets[addr]
}

gcp_cmek(p) if {
	some block in lib.blocks(p.encryption)
	is_string(block.default_kms_key_name)
	trim_space(block.default_kms_key_name) != ""
}

# Buckets that hold logs, gathered once per stack (asking per bucket rescanned every bucket and sink:
# quadratic on a plan of thousands of buckets).
# A bucket under a locked retention policy (Bucket Lock) is an immutable audit store.
gcp_log_buckets contains addr if {
	some addr, r in lib.resources_of("google_storage_bucket")
	some block in lib.blocks(r.properties.retention_policy)
	lib.truthy(block.is_locked)
}

# A bucket a log sink writes to: "storage.googleapis.com/${google_storage_bucket.x.name}" or the literal name.
gcp_log_buckets contains addr if {
	some sink in sinks
	is_string(sink.properties.destination)
	some m in regex.find_all_string_submatch_n(`\$\{(google_storage_bucket\.[A-Za-z_][A-Za-z0-9_-]*)\.`, sink.properties.destination, -1)
	addr := m[1]
}

gcp_log_buckets contains addr if {
	some sink in sinks
	is_string(sink.properties.destination)
	startswith(sink.properties.destination, "storage.googleapis.com/")
	some addr in gcs_by_name[substring(sink.properties.destination, count("storage.googleapis.com/"), -1)]
}

# A bucket another bucket writes its access logs to, by reference or by name.
gcp_log_buckets contains addr if {
	some target in gcp_access_log_targets
	addr := lib.ref_address(target)
}

gcp_log_buckets contains addr if {
	some target in gcp_access_log_targets
	some addr in gcs_by_name[target]
}

# The log_bucket of every bucket's access logging, gathered in one pass over the buckets.
gcp_access_log_targets contains block.log_bucket if {
	some b in lib.resources_of("google_storage_bucket")
	some block in lib.blocks(b.properties.logging)
}

# Bucket addresses by literal name (a set: two resources may claim one name).
gcs_by_name[name] contains addr if {
	some addr, r in lib.resources_of("google_storage_bucket")
	name := r.properties.name
	is_string(name)
}

sinks contains r if {
	some r in lib.resources_in({"google_logging_project_sink", "google_logging_folder_sink", "google_logging_organization_sink"})
}

# A lifecycle condition narrowed to part of the bucket (prefix, suffix, storage class, dates,
# versions, or archived objects only): it does not expire every document.
gcp_narrowing(cond) if {
	some key in gcp_narrowing_keys
	v := cond[key]
	not v in unset_values
}

# Constants as rules, built once per evaluation: a literal in a function body is built at every call.
gcp_narrowing_keys := [
	"matches_prefix", "matches_suffix", "matches_storage_class", "created_before", "custom_time_before",
	"days_since_custom_time", "days_since_noncurrent_time", "noncurrent_time_before", "num_newer_versions",
]

unset_values := [null, "", 0, [], false]

gcp_narrowing(cond) if cond.with_state == "ARCHIVED"

gcp_narrowing(cond) if cond.is_live == false
