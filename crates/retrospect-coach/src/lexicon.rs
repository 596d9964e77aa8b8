//! Word lists used to tell a person from a system. Kept as data so they can be read
//! (and argued about) without reading the rules.

use std::collections::HashSet;
use std::sync::LazyLock;

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Pronouns that stand for people. "they" is usually people in incident prose.
pub static PERSON_PRONOUNS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "i me he him she her they them we us you u someone somebody anyone anybody everyone everybody nobody no-one noone whoever myself himself herself themselves ourselves yourself",
    )
});

/// Pronouns that stand for things.
pub static THING_PRONOUNS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| set("it this that these those which there something nothing everything"));

/// Role and team nouns: people by function.
pub static ROLE_NOUNS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "engineer engineers developer developers dev devs programmer coder operator operators on-call oncall on-caller on-callers responder responders sre sres admin admins administrator administrators sysadmin sysadmins dba dbas intern interns hire hires lead leads manager managers contractor contractors employee employees staff staffer person people team teams squad crew ops devops reviewer reviewers approver approvers author authors committer deployer releaser owner owners commander ic tester testers qa analyst analysts architect architects consultant consultants vendor-engineer user users customer customers colleague colleagues folks ppl guy guys member members individual individuals humans junior juniors senior seniors newcomer newcomers trainee trainees specialist technician technicians support agent-on-call director cto vp supervisor supervisors management leadership group pair founder primary-on-call secondary-on-call captain captains coordinator shepherd driver champion sheriff firefighter scribe liaison facilitator steward maintainer maintainers contributor contributors requester assignee investigator teammate teammates coworker coworkers partner newbie rookie veteran expert novice apprentice student dispatcher dispatchers pilot pilots copilot nurse nurses doctor doctors clinician clinicians trader traders officer officers inspector inspectors auditor auditors planner planners moderator moderators representative representatives rep reps volunteer volunteers foreman electrician electricians mechanic mechanics crewmember crewmembers deployers releasers committers sysop sysops webmaster dev-team devteam qa-team ops-team personnel",
    )
});

/// People an incident happens to, not people who responded: "most customers did not
/// notice" is a fact, not a judgement.
pub static BYSTANDER_NOUNS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "customer customers user users client clients visitor visitors subscriber subscribers shopper shoppers player players viewer viewers reader readers citizen citizens patient patients passenger passengers consumer-user end-user end-users enduser endusers",
    )
});

/// Adversaries: a review does not coach the language about attackers.
pub static ADVERSARY_NOUNS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "attacker attackers adversary adversaries hacker hackers intruder intruders scammer scammers phisher phishers spammer spammers squatter squatters criminal criminals thief thieves malware botnet actor actors",
    )
});

/// Role words that are also technical words ("cluster members", "NIC driver"):
/// after a system modifier they are systems.
pub static AMBIGUOUS_ROLES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| set("member members pair driver drivers runner runners partner"));

/// Days and months: capitalised, never a person ("the drift on Tuesday caused").
pub static CALENDAR_WORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter thanksgiving ramadan diwali",
    )
});

/// Nouns for systems, artifacts and processes: "the X failed to" is not blame.
pub static SYSTEM_NOUNS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "service services server servers host hosts node nodes pod pods container containers script scripts job jobs cron cronjob check checks healthcheck health-check probe probes alert alerts alarm alarms monitor monitors monitoring rule rules deploy deploys deployment deployments pipeline pipelines build builds ci cd database databases db dbs cluster clusters config configs configuration configurations test tests suite canary canaries balancer balancers lb proxy proxies cache caches queue queues worker workers scheduler schedulers controller controllers daemon daemons agent agents bot bots tool tools tooling runbook runbooks playbook dashboard dashboards pager paging system systems process processes api apis endpoint endpoints client clients library libraries sdk migration migrations release releases rollout rollouts rollback rollbacks replica replicas primary standby instance instances vm vms disk disks volume volumes network dns certificate certificates cert certs firewall gateway gateways router routers switch kernel app apps application applications flag flags webhook webhooks lambda function functions query queries index indexes backup backups snapshot snapshots restore retry retries timeout timeouts limiter autoscaler hpa linter validator validation hook hooks presubmit gate gates policy policies procedure procedures change changes pr commit commit patch patches code codebase fix feature component components module modules step stage stages page pages upgrade update updates template templates manifest manifests chart charts terraform helm mechanism safeguard safeguards guardrail guardrails cdn storage bucket buckets repo repository branch process rotation schedule integration integrations platform backend frontend site website vendor provider setup logic handler handlers consumer consumers producer producers broker brokers stream streams topic topics table tables schema schemas field column row file files log logs logging metric metrics graph graphs threshold thresholds value limit limits quota setting settings parameter parameters variable env environment staging production prod rule-engine failover failback automation orchestrator runner runners executor image images package packages binary binaries version versions model algorithm loop request requests response responses call calls traffic load mesh sidecar ingress egress vpn ssh key keys token tokens secret secrets credential credentials password lock locks lease leases election heartbeat heartbeats replication wal journal filesystem partition partitions shard shards region regions zone zones datacenter dc rack workflow workflows fileserver fileservers",
    )
});

/// Product names that are systems even when capitalised like a name.
pub static TECH_NAMES: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "redis kafka postgres postgresql mysql mariadb mongo mongodb elasticsearch opensearch nginx envoy istio linkerd consul vault nomad terraform ansible puppet chef jenkins github gitlab bitbucket argo argocd flux helm kubernetes k8s kubelet docker prometheus grafana alertmanager pagerduty opsgenie datadog sentry cloudflare aws gcp azure s3 ec2 rds lambda cloudfront route53 etcd zookeeper rabbitmq celery sidekiq spark airflow cassandra haproxy varnish memcached linux systemd slack jira statuspage okta auth0 stripe twilio heroku vercel netlify fastly akamai bigquery snowflake clickhouse dynamodb sqs sns kinesis pubsub spanner cockroachdb vitess patroni pgbouncer logstash fluentd fluentbit kibana loki tempo jaeger thanos cortex mimir karpenter calico cilium coredns certbot letsencrypt cert-manager renovate dependabot buildkite circleci travis bazel gradle maven npm pip cargo rust go java python node nodejs rails django ios android chrome safari firefox windows macos ubuntu debian centos rhel openssl tls ssl http grpc graphql rest sftp ftp smtp ldap saml oauth oidc sso cron harbor traefik caddy minio ceph rook longhorn velero keda knative tekton spinnaker flagger opa gatekeeper kyverno falco trivy snyk sonarqube backstage victorops splunk newrelic honeycomb lightstep filebeat vector nats pulsar redpanda temporal kong apigee supabase firebase firestore cloudsql aurora redshift athena emr eks gke aks ecs fargate iam kms acm waf alb elb nlb vpc cloudwatch stackdriver bigtable memorystore elasticache dynamo",
    )
});

/// Modifiers before "operator" that make it a Kubernetes-style controller.
pub static OPERATOR_TECH: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "kubernetes k8s postgres postgresql mysql redis kafka strimzi zalando prometheus crd cluster database db cert-manager etcd helm custom controller elastic eck spark flink argo rook ceph",
    )
});

/// Words skipped when walking left from a verb cue to its subject.
pub static SKIP_LEFT: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "also then still never just simply clearly obviously again apparently probably initially later subsequently quickly completely actually really both all repeatedly immediately ultimately unfortunately mistakenly accidentally inadvertently seemingly evidently once twice already even ever further additionally somehow allegedly reportedly understandably nonetheless nevertheless however therefore thus not n't had has have having was were is are be been did do does should could would might must may can will shall ought to themselves himself herself myself ourselves yourself personally entirely totally basically essentially literally keep keeps kept continue continues continued tend tends tended",
    )
});

/// Words that end a noun phrase when walking left (prepositions, conjunctions, verbs).
pub static NP_STOP: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "at in on by for with from to of after before during since until when while because as about into onto over under and but or nor so yet if unless though although whereas than then where whether once via per against between among without within across through around near like was were is are be been being had has have did do does said says told asked saw noticed found thought believed knew decided chose wrote replied that which who whom whose what",
    )
});

/// Determiners and possessive pronouns; an NP with one is rarely a bare proper name.
pub static DETERMINERS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "the a an this that these those our their his her its my your some any each every another no one either neither",
    )
});

/// Nouns that, owned by a person, put the person in a cause slot ("Maria's change").
pub static PERSON_ARTIFACTS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "change changes deploy deployment push commit commits pr typo mistake mistakes error errors config command fault negligence oversight misconfiguration action actions decision decisions carelessness inattention failure lapse slip fat-finger blunder screw-up screwup work edit edits script query migration patch hotfix fix fixes rollout release upgrade cleanup call merge refactor rewrite code keystroke input entry",
    )
});

/// Time words that make "just" temporal ("just after 02:14").
pub static TIME_AFTER_JUST: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "after before as when now then in under over about around past since prior ahead once a an the one two three few minutes seconds hours moments",
    )
});

/// Base-form verbs an author might tell someone to "just" do.
pub static BASE_VERBS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(
        "restart run roll rollback revert redeploy deploy check read look click flip toggle add bump rerun re-run retry reboot kill delete drop set change update fix apply push merge follow use ask page wait open close scale increase clear flush purge disable enable turn copy paste type grep tail ssh remove rename pin upgrade downgrade edit comment uncomment swap switch move rotate renew install patch mark tag drain cordon failover fail promote bounce cycle reload refresh resend replay skip ignore trust google search test verify validate double-check glance notice see spot catch call ping escalate tell say write do make go get pull stop start pause resume hit press tweak adjust raise lower cancel abort hotfix backport cherry-pick",
    )
});
