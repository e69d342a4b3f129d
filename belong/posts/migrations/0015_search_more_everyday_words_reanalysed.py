"""Every post analysed again for the everyday words added to the concepts with it (stavgang
and nordic walking to walks; maraton to running; idræt and gymnastik to sport; mountainbike
to cycling; band and jazz to music; legeaftale and mødre to parenting; litteratur and
lydbøger to books; blomster and køkkenhave to gardening; garn and broderi to crafts; enke
and fraskilt to friend; naboer to group; ny i kommunen to newcomer; udflugt to travel;
gaming and minecraft to games; and scouts, a concept of its own), so posts stored before it are found as new ones are. As
0013: only `search_words`, `concept_mask` and the vocabulary change, and the search indexes
follow."""

from django.db import migrations


def reanalyse(apps, schema_editor):
    from belong.posts.indexing import reindex_posts

    reindex_posts()


class Migration(migrations.Migration):
    # Each batch of posts is its own transaction (as in `belong reindex_search`), not one
    # transaction of every post; run again after a stop, it finishes what is left.
    atomic = False
    dependencies = [("posts", "0014_search_everyday_words_reanalysed")]

    operations = [migrations.RunPython(reanalyse, migrations.RunPython.noop, elidable=True)]
