/** The council service an improvement plan answers for (one regulator's findings, usually). */
export type ServiceArea = 'adult_social_care' | 'childrens_services' | 'send' | 'safeguarding_partnership' | 'other';

export interface ServiceAreaInfo {
  key: ServiceArea;
  label: string;
}

export const SERVICE_AREA_INFO: Readonly<Record<ServiceArea, ServiceAreaInfo>> = Object.freeze({
  adult_social_care: { key: 'adult_social_care', label: 'Adult social care' },
  childrens_services: { key: 'childrens_services', label: "Children's services" },
  send: { key: 'send', label: 'Special educational needs and disabilities (SEND)' },
  safeguarding_partnership: { key: 'safeguarding_partnership', label: 'Safeguarding partnership' },
  other: { key: 'other', label: 'Other' },
});

export const SERVICE_AREAS: readonly ServiceArea[] = Object.freeze(Object.keys(SERVICE_AREA_INFO) as ServiceArea[]);
