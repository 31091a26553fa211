from coso.accounts.models import Role

# Who runs meetings and ballots: the village head for the village, commune officials
# and administrators above; agency/enterprise officers for their staff conferences.
MATTER_EDITORS = {Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL, Role.VILLAGE_HEAD, Role.ORG_OFFICER}
