from coso.accounts.models import Role

# Who handles petitions for the units they hold a role in.
PETITION_HANDLERS = {Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL}
