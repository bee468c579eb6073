"""R2.4: mentors are proposed by place of study, then locality, then region, the least loaded first."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.catalog import Catalog, Centre, LocalizedText
from storage.catalog_store import apply_catalog, seed_default
from storage.holder import Holder
from storage.models import Application, Staff, User


def centre(code: str, region: str, locality: str | None, institutions: tuple[str, ...] = ()) -> Centre:
    return Centre(code, LocalizedText(code, code, code), region, locality, institutions)


async def test_order_of_proposals(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        await seed_default(session)
        centres = (
            centre("school-centre", "astana", "astana-yesil", ("Lyceum No. 7",)),
            centre("city-centre", "astana", "astana"),
            centre("region-centre", "astana", None),
            centre("far-centre", "shymkent", "shymkent"),
        )
        await apply_catalog(session, Catalog(regions=(), books=(), partners=(), centres=centres))
        uow = Holder(session)
        ids = {c.code: c.id for c in await uow.catalogue.centres()}
        mentors = {1: "far-centre", 2: "region-centre", 3: "city-centre", 4: "city-centre", 5: "school-centre"}
        for user_id, code in mentors.items():
            session.add(User(id=user_id, locale="kk"))
            await session.flush()
            session.add(Staff(user_id=user_id, role="mentor", centre_id=ids[code], full_name=f"M{user_id}"))
        session.add(User(id=6, locale="kk"))
        await session.flush()
        session.add(Staff(user_id=6, role="expert", centre_id=ids["city-centre"]))
        await session.flush()
        # Mentor 3 already has two participants (one active, one under review); drafts and withdrawn do not count.
        for n, (mentor, status) in enumerate([(3, "active"), (3, "under_review"), (4, "draft"), (4, "withdrawn")]):
            session.add(User(id=100 + n, locale="kk"))
            await session.flush()
            session.add(Application(user_id=100 + n, programme_year=2026, status=status, mentor_id=mentor))
        session.add(User(id=200, locale="kk"))
        await session.flush()
        applicant = Application(
            user_id=200, programme_year=2026, region_code="astana", locality_code="astana", study_place="lyceum no. 7"
        )
        session.add(applicant)
        await session.flush()
        options = await uow.applications.mentor_options(applicant)
        assert [(o.mentor.user_id, o.match, o.load) for o in options] == [
            (5, 0, 0),
            (4, 1, 0),
            (3, 1, 2),
            (2, 2, 0),
            (1, 3, 0),
        ]
        applicant.study_place = "Another school"
        assert [o.mentor.user_id for o in await uow.applications.mentor_options(applicant, limit=3)] == [4, 3, 2]
