// imsmanifest.xml for SCORM 1.2 (IMS Content Packaging 1.1.2 with the ADL extensions): one item and one
// SCO resource per lesson, each SCO depending on one asset resource that lists every file of the lab.
import { launchHref, xmlText, type Course } from './course';

export const APP_RESOURCE = 'snaplab-app';
export const scoId = (lessonId: string) => `sco-${lessonId}`;
const itemId = (lessonId: string) => `item-${lessonId}`;

export function scormManifest(course: Course, appFiles: readonly string[]): string {
  const items = course.lessons.map((l) => [
    `      <item identifier="${itemId(l.id)}" identifierref="${scoId(l.id)}" isvisible="true">`,
    `        <title>${xmlText(l.title)}</title>`,
    '        <metadata>',
    '          <imsmd:lom><imsmd:general>',
    `            <imsmd:description><imsmd:langstring xml:lang="en">${xmlText(l.description)}</imsmd:langstring></imsmd:description>`,
    '          </imsmd:general></imsmd:lom>',
    '        </metadata>',
    '      </item>',
  ].join('\n'));
  const scos = course.lessons.map((l) => [
    `    <resource identifier="${scoId(l.id)}" type="webcontent" adlcp:scormtype="sco" href="${xmlText(launchHref(l.id, 'scorm12'))}">`,
    '      <file href="index.html"/>',
    `      <dependency identifierref="${APP_RESOURCE}"/>`,
    '    </resource>',
  ].join('\n'));
  const files = appFiles.map((f) => `      <file href="${xmlText(f)}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<manifest identifier="snaplab-course" version="1.0"',
    '  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
    '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
    '  xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"',
    '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    '    <schemaversion>1.2</schemaversion>',
    '  </metadata>',
    '  <organizations default="snaplab-org">',
    '    <organization identifier="snaplab-org">',
    `      <title>${xmlText(course.title)}</title>`,
    ...items,
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    ...scos,
    `    <resource identifier="${APP_RESOURCE}" type="webcontent" adlcp:scormtype="asset">`,
    ...files,
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}
