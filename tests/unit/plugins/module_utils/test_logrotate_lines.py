# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.selfhosted.jitsi.plugins.module_utils.logrotate import logrotate_lines


def test_lines_are_classified_as_logrotate_reads_them():
    text = "\n".join([
        "# comment", "compress", "/var/log/a.log /var/log/b.log {", "    daily", "",
        "    postrotate", "        rotate 3 {", "", "        }", "    endscript", "    size 10M", "}",
    ])
    assert [kind for kind, _words, _line in logrotate_lines(text)] == [
        "comment", "directive", "open", "directive", "comment",
        "script", "script", "script", "script", "script", "directive", "close",
    ]


def test_words_and_lines_are_kept():
    kind, words, line = next(logrotate_lines("\tsize  100M"))
    assert (kind, words, line) == ("directive", ["size", "100M"], "\tsize  100M")
