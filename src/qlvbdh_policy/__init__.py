"""QLVBĐH add-on for Plone 6.2."""

from zope.i18nmessageid import MessageFactory

_ = MessageFactory("qlvbdh_policy")

PROFILE_ID = "qlvbdh_policy:default"
