"""The word lists the blame finder reads: who counts as a person, what is a system, which
verbs and adjectives can blame. Lowercase; British and American spellings both listed.

Teams extend the person and system lists in the configuration (``blameless.roles``,
``blameless.systems``); everything else here is the finder's grammar, not a team's taste.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``."""
    return frozenset(text.split())


# --- who is a person -------------------------------------------------------------------

# Pronouns that always name a person. "we" and "us" are the team's own voice (the review
# owning a gap is not blaming someone); "they" is resolved from what came before.
PERSON_PRONOUNS = words("he she i you someone somebody anyone anybody him her me")
TEAM_VOICE = words("we us our ourselves")
THING_PRONOUNS = words("it this that these those which what something anything everything")
NOBODY = words("nobody none noone no-one neither")

# Roles that name a person whatever is around them ("the on-call engineer").
ROLES = words(
    """
    engineer engineers developer developers dev devs programmer programmers analyst analysts
    employee employees intern interns person persons people colleague colleagues teammate
    teammates technician technicians sysadmin sysadmins administrator administrators
    responder responders on-call on-caller on-callers oncall oncaller sre sres dba dbas
    staffer staffers contractor contractors consultant consultants reviewer reviewers
    approver approvers author authors courier couriers clerk clerks cashier cashiers
    accountant accountants designer designers tester testers supervisor supervisors
    director directors ceo cto cfo coo vp founder founders owner owners maintainer
    maintainers contributor contributors committer committers commander coordinator
    coordinators specialist specialists representative representatives rep reps associate
    associates nurse nurses pharmacist pharmacists doctor doctors teacher teachers pilot
    pilots picker pickers packer packers editor editors presenter presenters journalist
    journalists writer writers copywriter copywriters marketer marketers salesperson
    salespeople accountholder assistant assistants receptionist receptionists dispatcher
    dispatchers planner planners buyer buyers storekeeper warehouseman lead leads manager
    managers human humans individual individuals newcomer newcomers hire hires trainee
    trainees apprentice apprentices volunteer volunteers moderator moderators officer
    officers auditor auditors lawyer lawyers executive executives boss bosses
    agent agents operator operators producer producers driver drivers admin admins
    host hosts steward stewards architect architects scientist scientists researcher
    researchers guy guys man men woman women organiser
    organisers organizer organizers fact-checker fact-checkers factchecker barista baristas
    captain captains cop cops ic ics
    """
)
# Roles that are also common names of software ("the Datadog agent", "a Kafka producer",
# "the Kubernetes operator"): a person unless a technical word stands before them or the
# document uses them that way.
AMBIGUOUS_ROLES = words(
    """
    agent agents operator operators producer producers driver drivers admin admins host
    hosts editor editors picker pickers packer packers manager managers owner owners lead
    leads architect architects commander ic ics captain captains cop cops
    """
)
# Customers and users are people too, but "users failed to log in" reports impact, not a
# lapse: only the verbs of a mind (forgot, neglected, ignored) and fault make them a finding.
CUSTOMERS = words(
    """
    customer customers user users client clients subscriber subscribers visitor visitors
    shopper shoppers member members guest guests listener listeners reader readers viewer
    viewers player players merchant merchants seller sellers patient patients caller callers
    account-holder account-holders tenant tenants recipient recipients requester requesters
    student students pupil pupils learner learners passenger passengers attendee attendees
    applicant applicants resident residents citizen citizens donor donors fan fans
    """
)
# A team is people. "the team" alone is the review's own team (like "we").
TEAMS = words(
    """
    team teams shift shifts crew crews squad squads department departments staff support
    ops operations helpdesk desk management leadership engineering warehouse dev-team
    """
)
# Words that make an ambiguous role a person ("support agent", "night-shift operator").
PERSON_MODIFIERS = words(
    """
    support customer service help helpdesk call call-centre call-center sales delivery
    warehouse night day night-shift day-shift shift duty on-call oncall senior junior new
    human podcast radio news desk account travel booking floor field site store shop
    counter front-desk insurance estate ticket ticketing chat phone office duty-free
    product project engineering release incident line
    """
)
# Words that make an ambiguous role a thing ("the monitoring agent", "a Kafka producer").
TECH_MODIFIERS = words(
    """
    monitoring metrics metric logging log logs telemetry tracing kubernetes k8s database db
    kafka device network gpu usb http https ssh build ci cd deploy deployment backup sync
    storage cluster node raft etcd cache job queue message event dns proxy package process
    thread task cron container vm virtual hypervisor worker print printer disk file
    filesystem connection pool resource window display audio video graphics kernel jdbc
    odbc sql postgres mysql redis mongo rabbitmq amqp grpc api rest webhook config
    configuration traffic load balancer replication leader cert certificate secret
    secrets key vault identity auth oauth sso saml session memory tag tags release-train
    instance instances server servers systemd init scheduling scheduler puppet chef salt
    ansible terraform helm argo flux crd custom-resource data pipeline stream streams
    """
)

# --- what is a system ------------------------------------------------------------------

# Capitalised words that are products, services or parts of a system, never a person's
# name ("Consul failed to elect a leader", "PagerDuty did not page").
SYSTEMS = words(
    """
    aws amazon azure gcp google microsoft cloudflare fastly akamai heroku vercel netlify
    github gitlab bitbucket jenkins circleci travis buildkite teamcity bamboo argo argocd
    flux spinnaker kubernetes k8s docker podman containerd helm terraform pulumi ansible
    puppet chef salt saltstack vagrant packer consul vault nomad etcd zookeeper kafka
    rabbitmq redis memcached postgres postgresql mysql mariadb mongodb mongo cassandra
    elasticsearch opensearch solr clickhouse snowflake bigquery redshift dynamodb s3 ec2 rds
    lambda cloudfront route53 sqs sns kinesis cloudwatch datadog grafana prometheus nagios
    zabbix sentry pagerduty opsgenie splunk kibana logstash fluentd newrelic honeycomb
    statuspage slack teams zoom jira confluence trello asana notion zendesk intercom
    freshdesk salesforce hubspot shopify stripe paypal adyen braintree twilio sendgrid
    mailchimp mailgun postmark okta auth0 nginx apache haproxy envoy istio linkerd traefik
    varnish squid cron systemd linux windows macos ubuntu debian centos rhel android ios
    chrome firefox safari edge node nodejs python java ruby rails django flask spring
    react angular vue php golang rust dotnet excel sheets airflow dagster spark hadoop
    hive presto trino dbt looker tableau metabase superset celery sidekiq resque gunicorn
    uwsgi puma unicorn tomcat jetty iis openssl letsencrypt certbot bind coredns dnsmasq
    route dependabot renovate copilot bot autoscaler scheduler kubelet kube-proxy
    """
)
# Endings of common nouns: "Monitoring", "Replication", "Deployment" at the start of a
# sentence are not names.
COMMON_NOUN_ENDINGS = (
    "ing",
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ure",
    "ism",
    "ics",
    "ware",
    "base",
    "work",
    "flow",
    "log",
    "job",
    "box",
)
# Endings of nouns for people, used only with the verbs of a mind ("the barista forgot").
PERSON_NOUN_ENDINGS = ("ist", "ists", "ian", "ians", "eer", "eers", "er", "ers", "or", "ors")

# Given names from many languages, to tell "Priya did not run the dry-run" (at the start of
# a sentence) from "Monitoring did not fire". A name used mid-sentence needs no list.
GIVEN_NAMES = words(
    """
    aaron abdul abebe abigail adam adebayo adele adrian ahmed aisha akira alan alba albert
    alejandro alex alexander alexandra alexis ali alice alicia alison amanda amelia amina
    amir amit amy ana anan andrea andrew andy angela anika anita ann anna anne anthony
    antonio anya arjun arnav arthur asha ashley astrid aya ayesha barbara beatriz ben
    benjamin bernard beth bilal bill billy bjorn bob bobby brandon brian bruno camila
    carla carlos carmen carol caroline catherine charles charlie chen chidi chloe chris
    christian christina christopher claire clara colin connor craig dale dan dana daniel
    daniela danielle darius dave david deepa deepak dennis derek diana diego dimitri dina
    dmitri dominic donald dylan ed eddie edward eleanor elena eli elif elijah elizabeth
    ella ellen emeka emil emily emma emre eric erik erin esther ethan eva evan fatima
    felix fernando fiona francesca francis frank freya gabriel gareth gary george georgia
    gerald gina giorgio giulia grace greg gregory guillermo hana hannah hans harry hassan
    heather helen henrik henry hiroshi hugo ian ibrahim ida igor imran ines ingrid irene
    isaac isabel isabella ivan jack jacob jake james jamie jan jane janet jasmine jason
    javier jay jean jeff jennifer jenny jeremy jess jessica jim jin joan joanna joe joel
    johan john jon jonas jonathan jordan jorge jose joseph josh joshua juan judith julia
    julian julie jun justin kai karen karim kate katie kavya keith kelly ken kenji kevin
    khalid kim kofi kumar kwame lakshmi lara laura lauren lea leah lee leila lena leo leon
    liam lin linda lisa liu lucas lucia lucy luis luka lukas maya magnus mahmoud malik
    marco marcus margaret maria mariam marie mario mark marta martin mary mateo matt
    matthew max maxim megan mehmet mei mia michael michelle miguel mike mila min mohamed
    mohammed monica nadia naomi natalia natasha nathan neil nicholas nick nicola nicole
    niels nikhil nina noah noor nora olga oliver olivia omar oscar owen pablo paolo patrick
    paul paula pedro peter petra phil philip pierre pooja priya rachel rafael rahul raj
    rajesh ravi rebecca ricardo richard rita rob robert roberto robin rohan ron rosa rose
    ruth ryan sam samantha samir samuel sandra sanjay sara sarah sasha scott sean sebastian
    sergei sergio seun shreya simon sofia sophie stefan stella stephen steve steven sunil
    susan suzanne sven takeshi tanya tara ted teresa thomas tim timothy tina tobias tom
    tomas tony tyler valentina vanessa victor victoria vijay vikram vincent wang wei will
    william xavier yan yasmin yuki yusuf zainab zara zoe zhang
    agnieszka bartosz chiamaka chinonso chukwuemeka emeka folake funmilayo jakub kasia
    katarzyna lukasz marek michal ngozi nnamdi ola olamide oluwaseun oluwatobi piotr
    radek tomasz tunde wojciech yemi zbigniew aarav aditi ananya ishaan kiran meera nikita
    siddharth tanvi vivek
    """
)

# --- verbs -----------------------------------------------------------------------------

# After "did not" / "never" / "had not", verbs of knowing, receiving or being describe a
# condition, not a lapse: "the on-call engineer did not have access" is a fact to keep.
NOT_A_LAPSE = words(
    """
    have has had know knew known receive received get got gotten need want expect
    expected realise realize realised realized understand understood see saw seen hear
    heard exist mean intend intended anticipate anticipated foresee predict find found
    seem appear appeared happen matter affect apply belong recognise recognize recall
    remember be been do anything make cause break change touch own owe require think
    believe suspect imagine access reach qualify feel hold rush hurry panic
    """
)
# "failed to X" where X is something the person could not do, not a step they left out.
INABILITY = words(
    """
    access connect log login sign reach authenticate reproduce receive load open find get
    obtain contact join start see hear
    """
)
# Verbs that need a mind: with them an unknown subject is more likely a person.
MIND_VERBS = words("forgot forgotten forget neglected bother bothered")
# Past participles that are not "-ed" words, for "should have <done>".
IRREGULAR_PARTICIPLES = words(
    """
    been done gone seen known taken given written run caught told thought brought bought
    found made put set read hit cut let shut had got gotten paid said held led met sold
    sent spent stood understood won begun drawn shown spoken chosen frozen broken woken
    forgotten ridden risen driven eaten fallen hidden kept left lost built learnt learned
    spelt meant dealt felt slept taught fought sought split spread quit rung sung swum
    """
)
PAST_VERBS = IRREGULAR_PARTICIPLES | words(
    """
    went ran took saw wrote gave came knew did was were began drew showed spoke chose
    froze broke woke rode rose drove ate fell hid forgot
    """
)
# "should have been <this>" judges the person; "should have been paged" does not.
JUDGED_STATES = words(
    """
    more careful aware attentive vigilant diligent thorough quicker faster paying watching
    checking monitoring looking alert alerted focused sharper better
    """
)

# --- the grammar around a subject ------------------------------------------------------

DETERMINERS = words(
    """
    the a an this that these those our their his her my your its each every one some
    any no two three several many few all both either another other such whose
    """
)
PREPOSITIONS = words(
    """
    of on in at for from with by to into onto about over under after before during
    behind beside between among across through within without via per near like than
    """
)
# Words skipped between a subject and its verb ("Dana had then simply forgotten to").
SKIPPED = words(
    """
    had has have was were is are also then later still simply just again apparently
    actually unfortunately probably clearly initially subsequently repeatedly both all
    reportedly accidentally crucially already ever once first instead too even again
    therefore thus however nonetheless evidently obviously understandably allegedly
    themselves himself herself myself yourself itself really quickly
    """
)
# Words where a clause ends, looking left from a verb.
CLAUSE_WORDS = words(
    """
    because when while since although though if unless whether until after before as
    so but yet or nor where whereas once whenever why how what
    """
)
COORDINATORS = words("and but or then yet plus")
# Adjectives that follow the noun they describe: "the engineer responsible for the release".
POSTMODIFIERS = words("responsible accountable assigned tasked available closest nearest")
QUANTIFIERS = words(
    "one two three some several many most all none each both either neither few any"
)

# Negation and refusal: the phrase is denied, not asserted.
NEGATORS = words(
    """
    not no never nor nobody noone none neither nothing without rather instead cannot can't cant
    isn't wasn't aren't weren't don't doesn't didn't won't wouldn't shouldn't couldn't
    mustn't hardly avoid avoids avoided avoiding resist refuse refused beyond tempting
    easy reject rejects rejected stop stopped calling
    """
)
# Words that stand after a technical judgement word ("lazy loading", "a dumb terminal").
TECHNICAL_AFTER = words(
    """
    loading load loaded loads evaluation evaluated init initialisation initialization
    import imports iterator iterators sequence sequences property properties match
    matching quantifier quantifiers val binding bindings instantiation fetch fetching
    terminal terminals pipe pipes switch switches client clients proxy proxies quorum
    mode consistency hydration rendering default defaults setting settings
    """
)
# "the customer's error message" is a message.
COMPOUND_AFTER_ERROR = words(
    """
    message messages rate rates code codes page pages log logs handling handler budget
    count counts report reports reporting dialog dialogue toast banner state states
    response responses path paths class type types bar screen tolerance tolerant domain
    domains injection zone zones line lines
    """
)
