"""Every post analysed again for the everyday words added with it: bio, gå i bio and
kammerat; the newcomer's udlænding and flygtning; grandparents and new parents; playing
cards; cats; kayaks and rowing, mushrooms, winter bathing and sauna, shelters and campfires,
handball; and words people use of themselves (a wheelchair, grief, shyness, anxiety), so
that others alike can find them. "Hvem", "nogen" and "gerne" are no longer searched for. As
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
    dependencies = [("posts", "0016_search_friends_newcomers_dogs_reanalysed")]

    operations = [migrations.RunPython(reanalyse, migrations.RunPython.noop, elidable=True)]
