"""Every post analysed again for the everyday words added to the concepts with it (baby,
barnevogn and legeplads to parenting; alene and enlig to friend; frokost, grill and picnic
to food; styrketræning and motionscenter to sport; ny i Danmark and expat to newcomer; ludo,
banko and whist to games; lertøj to pottery), so posts stored before it are found as new
ones are. As 0013: only `search_words`, `concept_mask` and the vocabulary change, and the
search indexes follow."""

from django.db import migrations


def reanalyse(apps, schema_editor):
    from belong.posts.indexing import reindex_posts

    reindex_posts()


class Migration(migrations.Migration):
    # Each batch of posts is its own transaction (as in `belong reindex_search`), not one
    # transaction of every post; run again after a stop, it finishes what is left.
    atomic = False
    dependencies = [("posts", "0013_search_concepts_reanalysed")]

    operations = [migrations.RunPython(reanalyse, migrations.RunPython.noop, elidable=True)]
