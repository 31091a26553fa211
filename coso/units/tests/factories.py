import factory

from coso.core.text import fold
from coso.units.models import DivisionType, Unit, UnitKind
from coso.units.services import unit_path


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.PROVINCE
    division_type = DivisionType.TINH
    parent = None
    search_name = factory.LazyAttribute(lambda o: fold(o.name))
    path = factory.LazyAttribute(lambda o: unit_path(o.parent, o.code))
    depth = factory.LazyAttribute(lambda o: o.parent.depth + 1 if o.parent else 0)


def province(name: str = "Lai Châu", **kw: object) -> Unit:
    return UnitFactory(name=name, kind=UnitKind.PROVINCE, division_type=DivisionType.TINH, **kw)


def commune(parent: Unit, name: str = "Xã Tam Đường", **kw: object) -> Unit:
    return UnitFactory(
        name=name, parent=parent, kind=UnitKind.COMMUNE, division_type=DivisionType.XA, **kw
    )


def village(parent: Unit, name: str = "Bản Nà Luông", **kw: object) -> Unit:
    return UnitFactory(name=name, parent=parent, kind=UnitKind.VILLAGE, division_type="", **kw)
