"""The directory published in the Open Referral UK profile (HSDS 3.0) at /api/.

``identifiers`` gives every published record a stable UUID, ``taxonomies`` turns the
directory's vocabularies into published taxonomies, ``areas`` maps where an
activity runs onto service areas, ``serializers`` say what is served (and so what
the OpenAPI document describes), ``access`` decides who may read it, ``views`` and
``urls`` serve it. Partner tokens and their use log are ``models``.
"""
