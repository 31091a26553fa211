from coso.accounts.models import Role

# Who publishes, amends and takes down disclosures for the units they hold a role in.
DISCLOSURE_EDITORS = {Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL, Role.ORG_OFFICER}
