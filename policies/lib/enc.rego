# Helpers of the ENC rules: which key a data resource names, and whether that key is verifiably
# customer-managed. Stack-level helpers read `input` (a stack document); estate rules call them
# `with input as doc`.
package cordon.lib.enc

import data.cordon.lib

# Resource types that are a customer-managed key (or name one) when a value refers to them.
aws_key_types := {"AWS::KMS::Key", "AWS::KMS::ReplicaKey", "AWS::KMS::Alias"}

gcp_key_types := {"google_kms_crypto_key"}

key_types := aws_key_types | gcp_key_types

# The types whose key is one top-level property, as constants: a set written in a function body is
# built anew at every call, and key_refs is called once per data store (looked up, not scanned by `in`).
kms_key_id_types := {
	"AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::Logs::LogGroup", "AWS::EC2::Volume",
	"AWS::DocDB::DBCluster", "AWS::DocDBElastic::Cluster", "AWS::EFS::FileSystem",
}

kms_master_key_id_types := {"AWS::SQS::Queue", "AWS::SNS::Topic"}

kms_key_name_types := {"google_artifact_registry_repository", "google_pubsub_topic"}

disk_types := {"google_compute_disk", "google_compute_region_disk"}

# Where each data store names its key: type -> list of {path, value} (value absent when missing).
# Only the paths that hold the data's at-rest key; a resource may name several (S3 rules, blocks).
key_refs(r) := [{"path": "BucketEncryption", "value": v} |
	some rule in r.properties.BucketEncryption.ServerSideEncryptionConfiguration
	v := rule.ServerSideEncryptionByDefault.KMSMasterKeyID
] if r.type == "AWS::S3::Bucket"

key_refs(r) := [{"path": "KmsKeyId", "value": r.properties.KmsKeyId}] if {
	kms_key_id_types[r.type]
	lib.has(r.properties, "KmsKeyId")
}

key_refs(r) := [{"path": "KmsMasterKeyId", "value": r.properties.KmsMasterKeyId}] if {
	kms_master_key_id_types[r.type]
	lib.has(r.properties, "KmsMasterKeyId")
}

key_refs(r) := [{"path": "SSESpecification.KMSMasterKeyId", "value": r.properties.SSESpecification.KMSMasterKeyId}] if {
	r.type == "AWS::DynamoDB::Table"
	lib.has(r.properties.SSESpecification, "KMSMasterKeyId")
}

# A global table's key is per replica (each Region has its own).
key_refs(r) := [{"path": sprintf("Replicas[%d].SSESpecification.KMSMasterKeyId", [i]), "value": replica.SSESpecification.KMSMasterKeyId} |
	some i, replica in r.properties.Replicas
	lib.has(replica.SSESpecification, "KMSMasterKeyId")
] if r.type == "AWS::DynamoDB::GlobalTable"

key_refs(r) := [{"path": "StreamEncryption.KeyId", "value": r.properties.StreamEncryption.KeyId}] if {
	r.type == "AWS::Kinesis::Stream"
	lib.has(r.properties.StreamEncryption, "KeyId")
}

key_refs(r) := [{"path": "encryption.default_kms_key_name", "value": b.default_kms_key_name} |
	some b in lib.blocks(r.properties.encryption)
	lib.has(b, "default_kms_key_name")
] if r.type == "google_storage_bucket"

key_refs(r) := [{"path": "encryption_key_name", "value": r.properties.encryption_key_name}] if {
	r.type == "google_sql_database_instance"
	lib.has(r.properties, "encryption_key_name")
}

key_refs(r) := [{"path": "kms_key_name", "value": r.properties.kms_key_name}] if {
	kms_key_name_types[r.type]
	lib.has(r.properties, "kms_key_name")
}

key_refs(r) := [{"path": "cmek_settings.kms_key_name", "value": b.kms_key_name} |
	some b in lib.blocks(r.properties.cmek_settings)
	lib.has(b, "kms_key_name")
] if r.type == "google_logging_project_bucket_config"

key_refs(r) := [{"path": "template.encryption_key", "value": t.encryption_key} |
	some t in lib.blocks(r.properties.template)
	lib.has(t, "encryption_key")
] if r.type == "google_cloud_run_v2_service"

key_refs(r) := [{"path": "disk_encryption_key.kms_key_self_link", "value": b.kms_key_self_link} |
	some b in lib.blocks(r.properties.disk_encryption_key)
	lib.has(b, "kms_key_self_link")
] if disk_types[r.type]

key_refs(r) := [{"path": "default_encryption_configuration.kms_key_name", "value": b.kms_key_name} |
	some b in lib.blocks(r.properties.default_encryption_configuration)
	lib.has(b, "kms_key_name")
] if r.type == "google_bigquery_dataset"

key_refs(r) := [{"path": "encryption_configuration.kms_key_name", "value": b.kms_key_name} |
	some b in lib.blocks(r.properties.encryption_configuration)
	lib.has(b, "kms_key_name")
] if r.type == "google_bigquery_table"

# A Spanner database names one key, or one per region of a multi-region configuration (where a
# plan writes kms_key_name as null beside kms_key_names: no key).
key_refs(r) := array.concat(
	[{"path": "encryption_config.kms_key_name", "value": b.kms_key_name} |
		some b in lib.blocks(r.properties.encryption_config)
		lib.has(b, "kms_key_name")
		b.kms_key_name != null
	],
	[{"path": "encryption_config.kms_key_names", "value": n} |
		some b in lib.blocks(r.properties.encryption_config)
		some n in as_list(b.kms_key_names)
	],
) if r.type == "google_spanner_database"

as_list(x) := x if is_array(x)

as_list(x) := [x] if is_string(x)

key_refs(r) := [{"path": "cluster.kms_key_name", "value": c.kms_key_name} |
	some c in lib.blocks(r.properties.cluster)
	lib.has(c, "kms_key_name")
] if r.type == "google_bigtable_instance"

# key_refs of each data store of the stack document, by address, worked out once: a function is
# evaluated anew at every call, and several stack rules read every store's (a plan of 64,000
# buckets: ~60 MB of wasm heap per rule). They iterate it, not lib.resources_in(data_types), which
# builds its object anew at every call. Estate rules call key_refs, each stack's `input` differing.
stack_key_refs[addr] := key_refs(r) if some addr, r in lib.resources_in(data_types)

# The data store types key_refs knows.
data_types := {
	"AWS::S3::Bucket", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::Logs::LogGroup", "AWS::EC2::Volume",
	"AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable",
	"AWS::DocDB::DBCluster", "AWS::DocDBElastic::Cluster", "AWS::Kinesis::Stream", "AWS::EFS::FileSystem",
	"google_storage_bucket", "google_sql_database_instance", "google_artifact_registry_repository",
	"google_logging_project_bucket_config", "google_cloud_run_v2_service", "google_compute_disk", "google_compute_region_disk",
	"google_bigquery_dataset", "google_bigquery_table", "google_spanner_database", "google_bigtable_instance",
	"google_pubsub_topic",
}

# Verdict on one key value the rule demands, in the stack under evaluation:
#   "ok"           a literal key id/ARN/name that is not a provider-managed key, or a reference to a
#                  declared (or imported) resource of one of `types`, or a Terraform data source of a key;
#   "unverifiable" an intrinsic or interpolation that points at nothing of those types;
#   "missing"      absent, null, empty, false, or a provider-managed key (aws/... aliases).
key_verdict(v, types) := "ok" if {
	lib.unresolved(v)
	lib.ref_type(v) in types
} else := "ok" if {
	startswith(v, "${data.google_kms_crypto_key.") # the pattern's own start, tested first: most values are literals
	regex.match(`^\$\{data\.google_kms_crypto_key\.[A-Za-z_][A-Za-z0-9_-]*\.id\}$`, v)
	"google_kms_crypto_key" in types
} else := "unverifiable" if {
	lib.unresolved(v)
} else := "ok" if {
	is_string(v)
	trim_space(v) != ""
	not provider_managed(v)
} else := "missing"

# The findings of one AWS store on the key it names at `path` (v null when absent): `why` says what
# the store falls back to without one; an intrinsic pointing at no KMS key is unverifiable.
aws_key_findings(addr, path, v, why) := {lib.finding(addr, path, sprintf("%s is %s; %s", [path, shown_value(v), why]))} if {
	key_verdict(v, aws_key_types) == "missing"
} else := {lib.unverifiable(addr, path, v)} if {
	key_verdict(v, aws_key_types) == "unverifiable"
} else := set()

# The findings on a switch that must be on (true or "true"): off or absent, or unverifiable.
aws_switch_findings(addr, path, v, why) := {lib.unverifiable(addr, path, v)} if {
	lib.unresolved(v)
} else := set() if {
	lib.truthy(v)
} else := {lib.finding(addr, path, sprintf("%s is %s; %s", [path, shown_value(v), why]))}

# A value for a message; null (absent) is rendered by hand, as the wasm sprintf aborts on it.
shown_value(v) := "missing" if v == null

shown_value(v) := sprintf("%v", [v]) if v != null

# AWS-managed keys (alias/aws/s3, arn:...:alias/aws/sqs): the tenant controls nothing.
provider_managed(id) if {
	contains(id, "alias/aws/") # tested first: the regex runs on every literal key otherwise
	regex.match(`(^|:)alias/aws/`, id)
}

# The value of a property, null when it is missing (so verdicts see missing values).
prop(p, key) := object.get(p, key, null)

# The tenant a resource belongs to: its `tenant` label, else its stack's tenant; null when neither
# (platform data).
tenant_or_null(r, doc) := object.get(r.labels, "tenant", object.get(doc.stack, "tenant", null))

# The project of a Cloud KMS key name (projects/P/locations/L/keyRings/R[/cryptoKeys/K]).
key_name_project(name) := m[0][1] if {
	is_string(name)
	m := regex.find_all_string_submatch_n(`^projects/([^/]+)/locations/[^/]+/keyRings/`, name, 1)
	count(m) == 1
}

# key_verdict for AWS KMS: a literal must name a KMS key as the services take one (a key ARN or id,
# a multi-Region key id, an alias ARN or alias/NAME). A literal key outside the input is accepted on
# purpose: it is the customer's own key (ENC-5), attributed by ENC-3; anything else names no key.
aws_key_verdict(v) := "missing" if {
	enc_literal(v)
	not lib.aws_kms_key(v)
} else := key_verdict(v, aws_key_types)

# key_verdict for Cloud KMS: a literal must be a crypto key name (…/keyRings/R/cryptoKeys/K).
gcp_key_verdict(v) := "missing" if {
	enc_literal(v)
	not regex.match(`keyRings/[^/]+/cryptoKeys/[^/]+`, v)
} else := key_verdict(v, gcp_key_types)

# gcp_key_verdict over every key a store names (a store with several, such as Bigtable's clusters or
# a multi-region Spanner database, needs each): "missing" when it names none or one is missing, else
# "unverifiable" when one is, else "ok".
gcp_keys_verdict(values) := "missing" if {
	count(values) == 0
} else := "missing" if {
	some v in values
	gcp_key_verdict(v) == "missing"
} else := "unverifiable" if {
	some v in values
	gcp_key_verdict(v) == "unverifiable"
} else := "ok"

# The findings of one GCP store on the keys it names at `path`: `msg` when missing, the first
# unresolved value when unverifiable, none when every key is a Cloud KMS key.
gcp_key_findings(addr, path, values, msg) := {lib.finding(addr, path, msg)} if {
	gcp_keys_verdict(values) == "missing"
} else := {lib.unverifiable(addr, path, v)} if {
	gcp_keys_verdict(values) == "unverifiable"
	v := [x | some x in values; gcp_key_verdict(x) == "unverifiable"][0]
} else := set()

enc_literal(v) if {
	is_string(v)
	not lib.unresolved(v)
}

# The stack belongs to an enterprise tenant: by its registry entry, else by its `tier` labels.
enterprise if input.tenant.tier == "enterprise"

enterprise if {
	not registered
	input.stack.tier == "enterprise"
}

# The stack's tenant has a registry entry (the gate attaches it; null without a registry).
registered if is_object(input.tenant)

# The tenant's registered customer key for the stack's environment (the registry holds one per
# environment, all different: prod and non-prod share no key). Undefined when none is registered.
cmek_key := k if {
	k := input.tenant.cmek[input.stack.environment]
	is_string(k)
}

# The same, for messages.
cmek_shown := k if {
	k := cmek_key
} else := sprintf("(none registered for environment %s)", [input.stack.environment]) if {
	is_string(input.stack.environment)
} else := "(none registered: the stack has no environment label)"
