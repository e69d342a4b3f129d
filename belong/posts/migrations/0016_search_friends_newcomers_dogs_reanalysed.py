"""Every post analysed again for the everyday words added to the concepts with it (legestue
and forældregruppe to parenting; tilflyttet, international and new to Denmark to newcomer;
hundeejer, hundeskov and hvalp to dogs; nye venner, finde venner and meet new people to
friend), so posts stored before it are found as new ones are. As 0013: only `search_words`,
`concept_mask` and the vocabulary change, and the search indexes follow."""

from django.db import migrations


def reanalyse(apps, schema_editor):
    from belong.posts.indexing import reindex_posts

    reindex_posts()


class Migration(migrations.Migration):
    # Each batch of posts is its own transaction (as in `belong reindex_search`), not one
    # transaction of every post; run again after a stop, it finishes what is left.
    atomic = False
    dependencies = [("posts", "0015_search_more_everyday_words_reanalysed")]

    operations = [migrations.RunPython(reanalyse, migrations.RunPython.noop, elidable=True)]
